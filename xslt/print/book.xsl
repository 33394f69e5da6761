<?xml version="1.0" encoding="UTF-8"?>
<!--
  book.xsl: the print edition. Entry stylesheet of `cables build pdf`.

  Writes print-ready HTML for WeasyPrint with xsl:result-document: edition.html (the
  whole book) and documents/<document-id>.html (one per document). Names, dates and
  notes go through the same rules as the web edition (common/text.xsl), here with
  $output = 'print': notes become footnotes, names become anchors for the index.
  Layout is done by print.css (CSS paged media).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:m="urn:cables:modes"
    xmlns:t="urn:cables:templates"
    xmlns:tp="urn:cables:templates:private"
    xmlns:mp="urn:cables:modes:private"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../common/functions.xsl"/>
  <xsl:import href="../common/text.xsl"/>
  <xsl:import href="../common/parts.xsl"/>

  <!-- Overrides common/text.xsl: footnotes and index anchors instead of links. -->
  <xsl:param name="output" as="xs:string" select="'print'"/>

  <!-- The book's page ([print] trim of edition.toml, passed by pdf.py): "A4", "letter" or
       width x height in millimetres ("156x234mm"). The page geometry (size, mirrored
       margins, the type size that gives a measure of about 66 characters) follows from it
       (tp:page-style). -->
  <xsl:param name="trim" as="xs:string" select="'156x234mm'"/>

  <!-- Where the mentions of the indices fell in a first layout of the book (pdf.py):
       "id:page" pairs, white-space separated, each page counted from the first page of
       the PDF. Empty in that first layout and in the documents' own PDFs: then each
       document that names an entry is cited by the page of its first mention. -->
  <xsl:param name="mention-pages" as="xs:string" select="''"/>

  <!-- Whether to write the documents' own pages (documents/*.html) besides the book: the
       second pass of pdf.py, which only adds the mention pages to the book's indices, does
       not write them again (their PDFs may be laid out from them meanwhile). -->
  <xsl:param name="documents" as="xs:boolean" select="true()"/>

  <!-- Whether to write, when $mention-pages is given, edition-outer.html too: the book
       without its main matter (pdf_book.py joins its layout with the main matter's). -->
  <xsl:param name="outer" as="xs:boolean" select="false()"/>

  <xsl:output name="page" method="html" html-version="5.0" encoding="UTF-8" indent="no"/>

  <!-- The mentions of each authority entry in the texts, for the printed indices. -->
  <xsl:key name="fp:mentions"
      match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name)
          [ancestor::tei:text or parent::tei:correspAction or ancestor::tei:note[ancestor::tei:teiHeader]]"
      use="f:pointed-ids(.)"/>

  <xsl:template name="book">
    <xsl:variable name="back" as="element()*">
      <xsl:call-template name="tp:back-matter"/>
    </xsl:variable>
    <xsl:result-document href="edition.html" format="page">
      <xsl:call-template name="tp:html">
        <xsl:with-param name="title" select="string($v:edition/@title)"/>
        <xsl:with-param name="keywords" select="$vp:book-keywords"/>
        <xsl:with-param name="body">
          <xsl:call-template name="tp:preliminaries"/>
          <xsl:call-template name="tp:main-matter"/>
          <xsl:sequence select="$back"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>

    <!-- The book without its main matter, laid out again in place of the whole once the
         indices have their pages (pdf_book.py): the main matter of the first layout does
         not move, so its pages are joined with these. The preliminaries give the pages of
         the main matter as numbers, the back matter is numbered on from where it began. -->
    <xsl:if test="$outer and exists($vp:mention-pages)">
      <xsl:variable name="tail-start" select="string($back[self::h:section][1]/@id)"/>
      <xsl:result-document href="edition-outer.html" format="page">
        <xsl:call-template name="tp:html">
          <xsl:with-param name="title" select="string($v:edition/@title)"/>
          <xsl:with-param name="keywords" select="$vp:book-keywords"/>
          <xsl:with-param name="tail-start" select="$tail-start"/>
          <xsl:with-param name="body">
            <xsl:call-template name="tp:preliminaries">
              <xsl:with-param name="literal-pages" select="true()" tunnel="yes"/>
            </xsl:call-template>
            <xsl:sequence select="$back"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:if>

    <xsl:for-each select="$v:documents-in-order[$documents]">
      <!-- Named after the file, never after an attribute a document could set. -->
      <xsl:result-document href="documents/doc-{f:stem(.)}.html" format="page">
        <xsl:call-template name="tp:html">
          <xsl:with-param name="title" select="f:title(.)"/>
          <xsl:with-param name="css" select="'../print.css'"/>
          <xsl:with-param name="keywords" select=".//tei:keywords/tei:term ! normalize-space(.)"/>
          <xsl:with-param name="class" select="'single'"/>
          <xsl:with-param name="body">
            <xsl:call-template name="tp:single-front">
              <xsl:with-param name="tei" select="."/>
            </xsl:call-template>
            <xsl:call-template name="tp:document">
              <xsl:with-param name="tei" select="."/>
              <xsl:with-param name="figure-base" select="'../'" tunnel="yes"/>
              <!-- Alone in its PDF: references to other documents name them (text.xsl). -->
              <xsl:with-param name="single-document" select="true()" tunnel="yes"/>
            </xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <xsl:variable name="vp:book-keywords" as="xs:string*"
      select="distinct-values($v:documents//tei:keywords/tei:term ! normalize-space(.))"/>

  <!-- Half-title to the list of documents: numbered in roman. -->
  <xsl:template name="tp:preliminaries">
      <xsl:call-template name="tp:half-title"/>
      <xsl:call-template name="tp:title-page"/>
      <xsl:call-template name="tp:imprint"/>
      <xsl:call-template name="tp:contents"/>
      <xsl:call-template name="tp:list-of-documents"/>
  </xsl:template>

  <!-- The front matter's parts and the documents: numbered from 1. -->
  <xsl:template name="tp:main-matter">
      <xsl:for-each select="$v:front-in-order">
        <section class="part front{if (position() = 1) then ' main-start' else ''}" id="{@xml:id}">
          <h1>{f:title(.)}</h1>
          <xsl:apply-templates select="tei:text/tei:body" mode="m:text">
            <xsl:with-param name="heading-level" select="2" tunnel="yes"/>
          </xsl:apply-templates>
        </section>
      </xsl:for-each>
      <section class="part part-title{if (empty($v:front-in-order)) then ' main-start' else ''}" id="documents">
        <h1>{f:label('the-documents')}</h1>
        <p>{f:label(if (every $tei in $v:documents-in-order satisfies f:text-kind($tei) = 'summary')
            then 'print-documents-summary' else 'print-documents', count($v:documents-in-order))}</p>
      </section>
      <xsl:for-each select="$v:documents-in-order">
        <xsl:call-template name="tp:document">
          <xsl:with-param name="tei" select="."/>
        </xsl:call-template>
      </xsl:for-each>
  </xsl:template>

  <!-- The indices, the bibliography and the colophon. -->
  <xsl:template name="tp:back-matter">
      <xsl:for-each select="$v:indices">
        <xsl:call-template name="tp:index">
          <xsl:with-param name="id" select="'index-' || ."/>
          <xsl:with-param name="title" select="f:label('print-index-' || .)"/>
          <xsl:with-param name="entries" select="f:index-entries(.)"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="tp:index-of-documents-cited"/>
      <section class="part bibliography" id="bibliography">
        <h1>{f:label('nav-bibliography')}</h1>
        <!-- The corpus's own groups (published works, the archive, its related
             documents), each by author's surname, else title (f:bibl-sort-key). -->
        <xsl:for-each select="$v:authority//tei:listBibl[tei:bibl]">
          <xsl:if test="tei:head"><h2 class="bibliography-group">{normalize-space(tei:head[1])}</h2></xsl:if>
          <ul class="bibliography">
            <xsl:for-each select="tei:bibl">
              <xsl:sort select="f:bibl-sort-key(.)"/>
              <li><xsl:apply-templates select="." mode="m:bibl"/></li>
            </xsl:for-each>
          </ul>
        </xsl:for-each>
      </section>
      <xsl:call-template name="tp:colophon"/>
  </xsl:template>

  <!-- The HTML shell; title, author, description and keywords become PDF metadata. The
       edition's title is carried into the verso running heads from the body (print.css). -->
  <xsl:template name="tp:html">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="keywords" as="xs:string*"/>
    <xsl:param name="body" as="node()*"/>
    <xsl:param name="css" as="xs:string" select="'print.css'"/>
    <xsl:param name="class" as="xs:string" select="'book'"/>
    <!-- The id of the first part of the back matter, in edition-outer.html. -->
    <xsl:param name="tail-start" as="xs:string" select="''"/>
    <html lang="{$v:edition/@language}">
      <head>
        <meta charset="utf-8"/>
        <title>{$title}</title>
        <meta name="author" content="{string-join($v:edition/c:editor, ', ')}"/>
        <meta name="description" content="{$v:edition/@subtitle}"/>
        <meta name="keywords" content="{string-join($keywords, ', ')}"/>
        <meta name="generator" content="cables {$v:edition/@generator-version}"/>
        <meta name="dcterms.created" content="{$v:edition/@build-date}T00:00:00Z"/>
        <meta name="dcterms.modified" content="{$v:edition/@build-date}T00:00:00Z"/>
        <link rel="stylesheet" href="{$css}"/>
        <style><xsl:call-template name="tp:page-style"/><xsl:if test="$tail-start">
            <xsl:call-template name="tp:outer-style">
              <xsl:with-param name="tail-start" select="$tail-start"/>
            </xsl:call-template>
          </xsl:if></style>
        <!-- The edition's own CSS ([build] css), beside print.css, after it. -->
        <xsl:for-each select="$v:edition/c:css">
          <link rel="stylesheet" href="{substring-before($css, 'print.css')}{@name}"/>
        </xsl:for-each>
      </head>
      <body class="{$class}" data-edition="{$v:edition/@title}">
        <xsl:if test="$tail-start">
          <xsl:attribute name="data-main-start" select="($v:front-in-order[1]/@xml:id, 'documents')[1]"/>
          <xsl:attribute name="data-tail-start" select="$tail-start"/>
        </xsl:if>
        <xsl:apply-templates select="fp:as-tree($body)" mode="mp:typeset"/>
      </body>
    </html>
  </xsl:template>

  <!-- What print.css cannot know: the page of the trim ($trim) and the words of the
       generated page references. The text block is about 66 characters of the body type
       wide (11.5 mm a point of type size); the rest of the width is shared 2 : 3 between
       the gutter (inside) and the outer margin, mirrored on verso and recto. -->
  <xsl:template name="tp:page-style">
    <xsl:variable name="size" as="xs:double+" select="
        if ($trim = 'A4') then (210, 297)
        else if ($trim = 'letter') then (215.9, 279.4)
        else tokenize(substring-before($trim, 'mm'), 'x') ! xs:double(.)"/>
    <xsl:variable name="type" select="if ($size[1] ge 200) then 11 else 10"/>
    <xsl:variable name="measure" select="min(($type * 11.5, $size[1] - 36))"/>
    <xsl:variable name="gutter" select="round(($size[1] - $measure) * 0.4 * 10) div 10"/>
    <xsl:variable name="outer" select="round(($size[1] - $measure - $gutter) * 10) div 10"/>
    <xsl:variable name="top" select="round($size[2] * 0.085)"/>
    <xsl:variable name="bottom" select="round($size[2] * 0.11)"/>
    <xsl:variable name="page" select="f:label('print-page-abbreviation') => fp:css-string()"/>
    <xsl:text>
@page {{ size: {$size[1]}mm {$size[2]}mm; margin: {$top}mm {$outer}mm {$bottom}mm {$gutter}mm; }}
@page :left {{ margin-left: {$outer}mm; margin-right: {$gutter}mm; }}
@page :right {{ margin-left: {$gutter}mm; margin-right: {$outer}mm; }}
html {{ font-size: {$type}pt; }}
a.document-ref::after {{ content: ",\a0{$page}\a0" target-counter(attr(href), page); }}
a.doc-ref::before {{ content: " [{$page}\a0" target-counter(attr(href), page) "]"; }}
a.note-xref::after {{ content: ",\a0{$page}\a0" target-counter(attr(href), page); }}
</xsl:text>
  </xsl:template>

  <!-- In edition-outer.html: the back matter goes on from the page number it began on in
       the whole book, its first page an opening page ("opening" in print.css); the
       preliminaries print the pages of the main matter, which is not there, as numbers. -->
  <xsl:template name="tp:outer-style">
    <xsl:param name="tail-start" as="xs:string"/>
    <xsl:text>
.list-of-documents + .part {{ page: back-start; }}
@page back-start:nth(1 of back-start) {{
  counter-reset: page {$vp:mention-pages($tail-start)};
  @top-left {{ content: none; }} @top-right {{ content: none; }}
  @bottom-center {{ content: counter(page); font: 8.5pt "Noto Serif", serif; }}
}}
.toc a[data-page]::after {{ content: leader(".") attr(data-page); }}
table.document-list a.page-ref[data-page]::after {{ content: attr(data-page); }}
</xsl:text>
  </xsl:template>

  <!-- The page number of a main-matter anchor, in edition-outer.html. -->
  <xsl:template name="tp:literal-page">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="literal-pages" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$literal-pages">
      <xsl:attribute name="data-page" select="$vp:mention-pages($id)"/>
    </xsl:if>
  </xsl:template>

  <!-- A text as a CSS string's content (between double quotes). -->
  <xsl:function name="fp:css-string" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace(replace($text, '\\', '\\\\'), '&quot;', '\\&quot;')"/>
  </xsl:function>

  <!-- Words that must not be broken across lines in print ("no. 1", "p. 23", "21
       September 1962"): their spaces become no-break spaces. -->
  <xsl:function name="fp:unbroken" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="translate(string($text), ' ', '&#160;')"/>
  </xsl:function>


  <!-- ======================================================= -->
  <!-- Front pages                                               -->
  <!-- ======================================================= -->

  <!-- The first page of the book: the title alone. -->
  <xsl:template name="tp:half-title">
    <section class="half-title" id="half-title">
      <p class="half-title-text">{$v:edition/@title}</p>
    </section>
  </xsl:template>

  <xsl:template name="tp:title-page">
    <section class="title-page" id="title-page">
      <h1 class="book-title">{$v:edition/@title}</h1>
      <p class="book-subtitle">{$v:edition/@subtitle}</p>
      <p class="book-editors">{f:label('edited-by', string-join($v:edition/c:editor, ', '))}</p>
      <p class="book-publisher">{$v:edition/@publisher} · {f:label('print-version', $v:edition/@version)}</p>
    </section>
  </xsl:template>

  <!-- The back of the title page: who made the book, its licence, version, how to cite
       it and the software that made it. -->
  <xsl:template name="tp:imprint">
    <section class="imprint" id="imprint">
      <h1 class="imprint-heading">{f:label('imprint')}</h1>
      <p><cite>{$v:edition/@title}</cite>. {$v:edition/@subtitle}.</p>
      <p>{f:label('imprint-editors', (string-join($v:edition/c:editor, ', '), $v:edition/@publisher))}</p>
      <p>{f:label('imprint-built', ($v:edition/@version, fp:unbroken(f:format-iso($v:edition/@build-date))))}</p>
      <p>{f:label('imprint-licence', ($v:edition/@licence, $v:edition/@licence-url))}</p>
      <p>{f:label('how-to-cite')} <xsl:sequence select="f:citation(())"/></p>
      <p>{f:label('imprint-software', 'cables ' || $v:edition/@generator-version)}</p>
    </section>
  </xsl:template>

  <xsl:template name="tp:contents">
    <nav class="toc" id="contents" aria-label="{f:label('contents')}">
      <h1>{f:label('contents')}</h1>
      <ol>
        <li class="prelims"><a href="#list-of-documents">{f:label('print-list-of-documents')}</a></li>
        <xsl:for-each select="$v:front-in-order">
          <li><a href="#{@xml:id}"><xsl:call-template name="tp:literal-page"><xsl:with-param name="id" select="string(@xml:id)"/></xsl:call-template>{f:title(.)}</a></li>
        </xsl:for-each>
        <li><a href="#documents"><xsl:call-template name="tp:literal-page"><xsl:with-param name="id" select="'documents'"/></xsl:call-template>{f:label('the-documents')}</a>
          <ol>
            <xsl:for-each select="$v:documents-in-order">
              <li><a href="#{@xml:id}"><xsl:call-template name="tp:literal-page"><xsl:with-param name="id" select="string(@xml:id)"/></xsl:call-template><xsl:call-template name="tp:number-prefix"/>{fp:unbroken(f:format-date(f:sent-date(.)))}: {f:short-title(.)}</a></li>
            </xsl:for-each>
          </ol>
        </li>
        <xsl:for-each select="$v:indices">
          <li><a href="#index-{.}">{f:label('print-index-' || .)}</a></li>
        </xsl:for-each>
        <xsl:if test="exists($vp:cited-documents)">
          <li><a href="#index-documents-cited">{f:label('print-index-documents-cited')}</a></li>
        </xsl:if>
        <li><a href="#bibliography">{f:label('nav-bibliography')}</a></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- A document's number before its title in the contents and headings ("no. 6"),
       nothing for a document without one. -->
  <xsl:template name="tp:number-prefix">
    <xsl:if test="f:number(.)"><span class="document-number">{fp:unbroken(f:document-label(.))}</span><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- After the contents: every document with its number, date, who wrote to whom, and
       its page. -->
  <xsl:template name="tp:list-of-documents">
    <section class="list-of-documents" id="list-of-documents">
      <h1>{f:label('print-list-of-documents')}</h1>
      <table class="document-list">
        <thead>
          <tr>
            <th scope="col" class="number">{f:label('print-list-number')}</th>
            <th scope="col">{f:label('print-list-date')}</th>
            <th scope="col">{f:label('print-list-parties')}</th>
            <th scope="col" class="page">{f:label('print-list-page')}</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$v:documents-in-order">
            <tr>
              <td class="number">{f:number(.)}</td>
              <td class="date">{fp:unbroken(f:format-date(f:sent-date(.)))}</td>
              <td>{f:party(., 'sent')} → {f:party(., 'received')}</td>
              <td class="page"><a class="page-ref" href="#{@xml:id}"><xsl:call-template name="tp:literal-page"><xsl:with-param name="id" select="string(@xml:id)"/></xsl:call-template></a></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- The last page: the type and the tools the book was made with. -->
  <xsl:template name="tp:colophon">
    <section class="colophon" id="colophon">
      <h1 class="colophon-heading">{f:label('print-colophon')}</h1>
      <p>{f:label('print-colophon-text', ('cables ' || $v:edition/@generator-version))}</p>
    </section>
  </xsl:template>

  <!-- The short front of a document's own PDF: the edition it comes from and how to cite
       it, above the document on its first page. -->
  <xsl:template name="tp:single-front">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <header class="single-front">
      <p class="single-edition"><cite>{$v:edition/@title}</cite> · {f:label('print-version', $v:edition/@version)} ·
        {$v:edition/@licence} · {fp:unbroken(f:format-iso($v:edition/@build-date))}</p>
      <p class="single-cite">{f:label('how-to-cite')} <span class="citation"><xsl:sequence select="f:citation($tei)"/></span></p>
    </header>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- One document                                              -->
  <!-- ======================================================= -->

  <xsl:template name="tp:document">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>
    <section class="document" id="{$tei/@xml:id}">
      <!-- The recto running head (print.css reads it from the visible heading) and the
           bookmark: the number and short title, else the date and short title. -->
      <xsl:variable name="head" select="string-join(((f:number($tei)[.] ! fp:unbroken(f:document-label($tei)),
          fp:unbroken(f:format-date($date)))[1], f:short-title($tei)), ' · ')"/>
      <p class="document-date">{fp:unbroken(f:format-date($date))}</p>
      <h2 class="document-title" data-running-head="{$head}"
          data-bookmark="{string-join((f:number($tei)[.] ! fp:unbroken(f:document-label($tei)), f:title($tei)), ': ')}">
        <xsl:for-each select="$tei"><xsl:call-template name="tp:number-prefix"/></xsl:for-each>
        <span class="document-title-text">{f:title($tei)}</span>
      </h2>
      <!-- The record as on the web (common/parts.xsl), as a grid of labels and values. -->
      <xsl:variable name="rows" as="element(c:row)*">
        <xsl:call-template name="t:record-rows">
          <xsl:with-param name="tei" select="$tei"/>
        </xsl:call-template>
      </xsl:variable>
      <dl class="record">
        <xsl:for-each select="$rows">
          <dt>{@label}</dt>
          <dd><xsl:sequence select="node()"/></dd>
        </xsl:for-each>
      </dl>
      <xsl:variable name="record-notes" select="f:record-notes($tei)"/>
      <xsl:if test="$record-notes">
        <div class="record-notes">
          <xsl:for-each select="$record-notes">
            <p><xsl:apply-templates select="." mode="m:note-body"/></p>
          </xsl:for-each>
        </div>
      </xsl:if>
      <!-- All of the text, as on the web page: front (title page, cast list, opener) and
           back (appendices, postscripts) too. -->
      <div class="document-text">
        <xsl:apply-templates select="$tei/tei:text/(tei:front | tei:body | tei:back | tei:group)" mode="m:text">
          <xsl:with-param name="heading-level" select="3" tunnel="yes"/>
        </xsl:apply-templates>
      </div>
    </section>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Typesetting the rendered text                              -->
  <!-- ======================================================= -->

  <!-- The rendered text (common/text.xsl) as the page needs it: a footnote call that stands
       between two blocks (a note after a paragraph or a quotation) joins the end of the
       text before it, so that it never stands alone on a line; dates and references to
       documents ("no. 6") are not broken across lines. -->
  <xsl:mode name="mp:typeset" on-no-match="shallow-copy"/>

  <!-- Rendered nodes as one tree, so that siblings and keys can be read. -->
  <xsl:function name="fp:as-tree" as="document-node()">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:document><xsl:sequence select="$nodes"/></xsl:document>
  </xsl:function>

  <!-- The calls of the footnotes and their separators (text.xsl, mode mp:note-call). -->
  <xsl:function name="fp:is-call" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/self::h:span[@class = ('footnote', 'note-call-separator')])"/>
  </xsl:function>

  <!-- The block a call standing between blocks follows, when only white space and other
       calls stand between them. -->
  <xsl:function name="fp:block-before" as="element()?">
    <xsl:param name="call" as="element()"/>
    <xsl:variable name="before" select="$call/preceding-sibling::node()
        [not(self::text()[normalize-space() = ''] or fp:is-call(.))][1]"/>
    <xsl:sequence select="$before[self::h:p | self::h:div | self::h:figure | self::h:blockquote
        | self::h:ul | self::h:ol | self::h:dl | self::h:section]"/>
  </xsl:function>

  <!-- Where in that block its calls join the text: its last block of text. -->
  <xsl:function name="fp:call-host" as="element()?">
    <xsl:param name="call" as="element()"/>
    <xsl:sequence select="(fp:block-before($call)/descendant-or-self::*[self::h:p | self::h:li | self::h:dd | self::h:td]
        [not(.//h:p | .//h:li | .//h:div)])[last()]"/>
  </xsl:function>

  <xsl:key name="fp:calls-by-host" match="h:span[fp:is-call(.)]" use="fp:call-host(.) ! generate-id(.)"/>

  <xsl:template match="h:span[fp:is-call(.)][exists(fp:call-host(.))]" mode="mp:typeset"/>

  <xsl:template match="h:p | h:li | h:dd | h:td" mode="mp:typeset">
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="mp:typeset"/>
      <xsl:apply-templates select="key('fp:calls-by-host', generate-id(.))" mode="mp:typeset-call"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="*" mode="mp:typeset-call">
    <xsl:copy>
      <xsl:apply-templates select="@*, node()" mode="mp:typeset"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="h:time/text() | h:a[@class = ('document-ref', 'doc-ref', 'note-xref')]/text()" mode="mp:typeset">
    <xsl:value-of select="fp:unbroken(.)"/>
  </xsl:template>

  <!-- One heading per part: a front part whose text is one division has that division's
       heading ("Introduction") under its own ("Introduction: China, Romania…"); it is
       dropped when the part's heading already says it ("Aims" under "Introduction" stays). -->
  <xsl:template match="h:section[tokenize(@class) = 'front']/h:section[count(../h:section) = 1]/h:h2[empty(preceding-sibling::*)]
      [starts-with(normalize-space(../../h:h1), normalize-space(.))]" mode="mp:typeset"/>

  <!-- Names of periodicals (organisations of type "press") in italic, like titles. -->
  <xsl:template match="h:span[@id = $vp:press-mentions]" mode="mp:typeset">
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="mp:typeset"/>
      <xsl:attribute name="class" select="@class || ' press'"/>
      <xsl:apply-templates mode="mp:typeset"/>
    </xsl:copy>
  </xsl:template>

  <xsl:variable name="vp:press-mentions" as="xs:string*" select="
      for $org in $v:authority//tei:org[@type = 'press'][@xml:id], $text in ($v:front-in-order, $v:documents-in-order)
      return key('fp:mentions', string($org/@xml:id), $text) ! f:mention-id(.)"/>

  <!-- An address in the text: a link (a PDF link annotation), broken only after its
       slashes and never hyphenated (print.css, a.url). -->
  <xsl:template match="text()[matches(., 'https?://')][empty(ancestor::h:a)]" mode="mp:typeset">
    <xsl:analyze-string select="." regex="https?://[^\s&lt;&gt;&quot;]*[^\s&lt;&gt;&quot;.,;:)]">
      <xsl:matching-substring>
        <a class="url" href="{.}"><xsl:sequence select="fp:breakable-url(.)"/></a>
      </xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:template>

  <xsl:template match="h:a[starts-with(@href, 'http')]/text()" mode="mp:typeset">
    <xsl:sequence select="fp:breakable-url(.)"/>
  </xsl:template>

  <!-- Chinese characters the text does not mark (a name's original form in an index
       line, a description): marked as Chinese, so that the PDF's tags say so too. -->
  <xsl:template match="text()[matches(., '\p{IsCJKUnifiedIdeographs}')]
      [not(starts-with((ancestor::*[@lang][1]/@lang, '')[1], 'zh'))]" mode="mp:typeset" priority="-0.1">
    <xsl:analyze-string select="." regex="[\p{{IsCJKUnifiedIdeographs}}\p{{IsCJKSymbolsandPunctuation}}]+">
      <xsl:matching-substring><span lang="zh">{.}</span></xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:template>

  <!-- An address with a break opportunity (wbr) after each slash but those of "//". -->
  <xsl:function name="fp:breakable-url" as="node()*">
    <xsl:param name="url" as="xs:string"/>
    <xsl:analyze-string select="$url" regex="(/+)">
      <xsl:matching-substring><xsl:value-of select="."/><xsl:if test=". = '/'"><wbr/></xsl:if></xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Indices with page numbers                                  -->
  <!-- ======================================================= -->

  <!-- Every page that names the entry, consecutive pages as a range ("12–14"), each number
       a link to the first mention on its page; before the pages are known (see
       $mention-pages), one reference per document, that print.css turns into its page. -->
  <xsl:template name="tp:index">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <section class="part index" id="{$id}">
      <h1>{$title}</h1>
      <ul class="index-entries">
        <xsl:for-each select="$entries">
          <xsl:sort select="f:index-sort-key(.)"/>
          <xsl:variable name="entry-id" select="string(@xml:id)"/>
          <!-- An entry of a document's own register is named in that document only. -->
          <xsl:variable name="texts" select="if (exists(root(.) intersect $v:authority)) then ($v:front-in-order, $v:documents-in-order) else f:document-of(.)"/>
          <xsl:variable name="mentions" select="$texts ! key('fp:mentions', $entry-id, root(.))"/>
          <xsl:variable name="name" select="f:entry-name(.)"/>
          <xsl:variable name="particulars" select="f:entry-particulars-nodes(.)"/>
          <!-- Every entry of the index, as on the web; one the texts do not name says so. -->
          <li data-entry="{$entry-id}">
            <span class="index-name">{fp:index-heading(., $name)}</span>
            <xsl:if test="exists($particulars)">
              <span class="index-description"><xsl:sequence select="$particulars"/></span>
            </xsl:if>
            <xsl:choose>
              <xsl:when test="empty($mentions)">
                <span class="index-none">{f:label('index-not-mentioned')}</span>
              </xsl:when>
              <xsl:when test="exists($vp:mention-pages)">
                <span class="index-pages"><xsl:sequence select="fp:page-ranges($mentions ! f:mention-id(.))"/></span>
              </xsl:when>
              <xsl:otherwise>
                <span class="index-pages">
                  <xsl:for-each select="$texts ! key('fp:mentions', $entry-id, root(.))[1]">
                    <xsl:if test="position() > 1">, </xsl:if>
                    <a class="page-ref" href="#{f:mention-id(.)}"></a>
                  </xsl:for-each>
                </span>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- The index of documents cited by number: each document that another text (the
       introduction, a document, a note) points to, whole or a note of it, with its number,
       short title and every page that cites it, as the other indices give them; before the
       pages are known, a reference per citation that print.css turns into its page. The
       citations are the pointers text.xsl links in the book (f:citation-id). -->
  <xsl:key name="fp:citations" match="tei:text//tei:ref[@target] | tei:text//tei:ptr[@target]"
      use="f:cited-document(.)/@xml:id"/>

  <xsl:variable name="vp:cited-documents" as="element(tei:TEI)*"
      select="$v:documents-in-order[@xml:id][exists(fp:citations(.))]"/>

  <xsl:function name="fp:citations" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="($v:front-in-order, $v:documents-in-order) ! key('fp:citations', string($tei/@xml:id), root(.))
        [exists(node()) or (f:resolve(tokenize(@target)[1], .), fp:target-document(tokenize(@target)[1], .))[1]
            [. is $tei or self::tei:note[ancestor::tei:text]]]"/>
  </xsl:function>

  <xsl:template name="tp:index-of-documents-cited">
    <xsl:if test="exists($vp:cited-documents)">
      <section class="part index" id="index-documents-cited">
        <h1>{f:label('print-index-documents-cited')}</h1>
        <ul class="index-entries">
          <xsl:for-each select="$vp:cited-documents">
            <xsl:variable name="ids" select="fp:citations(.) ! f:citation-id(.)"/>
            <li data-entry="{@xml:id}">
              <span class="index-name">{fp:unbroken(f:document-label(.))}</span>
              <span class="index-description">{f:short-title(.)}</span>
              <span class="index-pages">
                <xsl:choose>
                  <xsl:when test="exists($vp:mention-pages)">
                    <xsl:sequence select="fp:page-ranges($ids[map:contains($vp:mention-pages, .)])"/>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:for-each select="$ids">
                      <xsl:if test="position() > 1">, </xsl:if>
                      <a class="page-ref" href="#{.}"></a>
                    </xsl:for-each>
                  </xsl:otherwise>
                </xsl:choose>
              </span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- How an entry is headed in the index: a person's name inverted as the sort key has
       it ("Khrushchev, Nikita Sergeyevich" for the sort key Khrushchev-Nikita-Sergeyevich;
       "Peng Zhen" stays as it is), every other name as it is. -->
  <xsl:function name="fp:index-heading" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="key" select="lower-case(normalize-space($entry/@sortKey)) || '-'"/>
    <xsl:variable name="words" select="tokenize($name)"/>
    <xsl:variable name="surname-from" select="(2 to count($words))
        [starts-with($key, lower-case(string-join(subsequence($words, .), '-')) || '-')][1]"/>
    <xsl:sequence select="if ($entry/self::tei:person and exists($surname-from))
        then string-join(subsequence($words, $surname-from), ' ') || ', ' || string-join(subsequence($words, 1, $surname-from - 1), ' ')
        else $name"/>
  </xsl:function>

  <!-- $mention-pages as a map from a mention's id to the number printed on its page: the
       main matter is numbered from 1 on the page of its first part. -->
  <xsl:variable name="vp:mention-pages" as="map(xs:string, xs:integer)?">
    <xsl:if test="normalize-space($mention-pages)">
      <xsl:variable name="pairs" select="tokenize(normalize-space($mention-pages))"/>
      <xsl:variable name="physical" select="map:merge($pairs ! map:entry(substring-before(., ':'), xs:integer(substring-after(., ':'))),
          map {'duplicates': 'use-first'})"/>
      <xsl:variable name="start" select="$physical(($v:front-in-order[1]/@xml:id, 'documents')[1])"/>
      <xsl:sequence select="$start ! map:merge(map:keys($physical) ! map:entry(., $physical(.) - $start + 1))"/>
    </xsl:if>
  </xsl:variable>

  <!-- The pages of some anchors (mentions, citations), in order, consecutive ones joined
       into a range, each number a link to the first of the anchors on its page. -->
  <xsl:function name="fp:page-ranges" as="node()*">
    <xsl:param name="ids" as="xs:string*"/>
    <xsl:variable name="pages" select="sort(distinct-values($ids ! $vp:mention-pages(.)))"/>
    <xsl:variable name="starts" select="$pages[not(. - 1 = $pages)]"/>
    <xsl:for-each select="$starts">
      <xsl:variable name="first" select="."/>
      <xsl:variable name="last" select="max($pages[. ge $first][every $p in ($first to .) satisfies $p = $pages])"/>
      <xsl:if test="position() > 1">, </xsl:if>
      <xsl:sequence select="fp:page-link($first, $ids)"/>
      <xsl:if test="$last > $first">–<xsl:sequence select="fp:page-link($last, $ids)"/></xsl:if>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="fp:page-link" as="element()">
    <xsl:param name="page" as="xs:integer"/>
    <xsl:param name="ids" as="xs:string*"/>
    <a class="index-page" href="#{$ids[$vp:mention-pages(.) = $page][1]}">{$page}</a>
  </xsl:function>

</xsl:stylesheet>
