<?xml version="1.0" encoding="UTF-8"?>
<!--
  epub.xsl: the ebook. Entry stylesheet of `cables build epub`.

  Writes the XHTML content documents of an EPUB 3.3 with xsl:result-document (template
  "epub"), and its package document, container and navigation (template "package", run
  once the fonts are subset). The text goes through the rules the print edition uses
  (common/text.xsl with $output = 'print': every note a footnote, every name an anchor the
  indices point back to); mode mp:epub then makes them what an EPUB reader expects: a
  footnote's call an epub:type="noteref" link, its body an aside epub:type="footnote" after
  the text, and each link into another chapter a link to that file.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:m="urn:cables:modes"
    xmlns:mp="urn:cables:modes:private"
    xmlns:t="urn:cables:templates"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:ep="urn:cables:epub"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:opf="http://www.idpf.org/2007/opf"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../common/functions.xsl"/>
  <xsl:import href="../common/text.xsl"/>
  <xsl:import href="../common/parts.xsl"/>

  <!-- The print rules (common/text.xsl): notes as footnotes, names as anchors. -->
  <xsl:param name="output" as="xs:string" select="'print'"/>

  <!-- The package's dcterms:modified (epub.py): the moment SOURCE_DATE_EPOCH names, else
       the build date at midnight, as CCYY-MM-DDThh:mm:ssZ. -->
  <xsl:param name="modified" as="xs:string" select="$v:edition/@build-date || 'T00:00:00Z'"/>

  <!-- The files of the package that are not content documents (epub.py: the style sheet,
       the font subsets, their licence, the images), white-space separated, relative to
       the package document. Template "package" lists them in the manifest. -->
  <xsl:param name="resources" as="xs:string" select="''"/>

  <!-- Where each anchor of the print book fell ("id:page" pairs, the page printed on it),
       from the print build when there is one (epub.py); empty: the ebook has no page list. -->
  <xsl:param name="print-pages" as="xs:string" select="''"/>

  <xsl:output name="xhtml" method="xhtml" html-version="5.0" encoding="UTF-8" indent="no"
      omit-xml-declaration="no"/>
  <xsl:output name="xml" method="xml" encoding="UTF-8" indent="yes"/>

  <!-- The mentions of each authority entry, as the print indices count them. -->
  <xsl:key name="fp:mentions"
      match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name)
          [ancestor::tei:text or parent::tei:correspAction or ancestor::tei:note[ancestor::tei:teiHeader]]"
      use="f:pointed-ids(.)"/>

  <!-- ======================================================= -->
  <!-- The chapters                                              -->
  <!-- ======================================================= -->

  <!-- The book as one tree of ep:chapter elements, each a content document: its file
       (@href), its title, its epub:type and the rendered section it holds. Links are
       resolved across them (fp:chapter-of) before each is written. -->
  <xsl:variable name="vp:book" as="document-node()">
    <xsl:document>
      <ep:chapter href="title.xhtml" title="{$v:edition/@title}" type="titlepage" landmark="titlepage">
        <section epub:type="titlepage" class="title-page" id="title-page">
          <h1 class="book-title">{$v:edition/@title}</h1>
          <p class="book-subtitle">{$v:edition/@subtitle}</p>
          <p class="book-editors">{f:label('edited-by', string-join($v:edition/c:editor, ', '))}</p>
          <p class="book-publisher">{$v:edition/@publisher} · {f:label('print-version', $v:edition/@version)}</p>
        </section>
        <section epub:type="imprint" class="imprint" id="imprint" aria-labelledby="imprint-heading">
          <h2 id="imprint-heading">{f:label('imprint')}</h2>
          <p><cite>{$v:edition/@title}</cite>. {$v:edition/@subtitle}.</p>
          <p>{f:label('imprint-editors', (string-join($v:edition/c:editor, ', '), $v:edition/@publisher))}</p>
          <p>{f:label('epub-imprint-built', ($v:edition/@version, f:format-iso($v:edition/@build-date)))}</p>
          <p>{f:label('imprint-licence', ($v:edition/@licence, $v:edition/@licence-url))}</p>
          <p>{f:label('how-to-cite')} <xsl:sequence select="f:citation(())"/></p>
          <p>{f:label('epub-fonts')}</p>
          <p>{f:label('imprint-software', 'cables ' || $v:edition/@generator-version)}</p>
        </section>
      </ep:chapter>
      <xsl:for-each select="$v:front-in-order">
        <ep:chapter href="front-{f:stem(.)}.xhtml" title="{f:title(.)}" type="frontmatter"
            landmark="{if (position() = 1) then 'bodymatter' else ''}">
          <section class="part front" id="{@xml:id}" epub:type="frontmatter">
            <h1>{f:title(.)}</h1>
            <xsl:apply-templates select="tei:text/tei:body" mode="m:text">
              <xsl:with-param name="heading-level" select="2" tunnel="yes"/>
            </xsl:apply-templates>
          </section>
        </ep:chapter>
      </xsl:for-each>
      <ep:chapter href="documents.xhtml" title="{f:label('the-documents')}" type="part"
          landmark="{if (empty($v:front-in-order)) then 'bodymatter' else ''}">
        <section class="part part-title" id="documents" epub:type="part" role="doc-part">
          <h1>{f:label('the-documents')}</h1>
          <p>{f:label(if (every $tei in $v:documents-in-order satisfies f:text-kind($tei) = 'summary')
              then 'epub-documents-summary' else 'epub-documents', count($v:documents-in-order))}</p>
        </section>
      </ep:chapter>
      <xsl:for-each select="$v:documents-in-order">
        <ep:chapter href="doc-{f:stem(.)}.xhtml" title="{fp:document-heading(.)}" type="chapter" document="yes">
          <xsl:call-template name="tp:document">
            <xsl:with-param name="tei" select="."/>
          </xsl:call-template>
        </ep:chapter>
      </xsl:for-each>
      <xsl:for-each select="$v:indices">
        <xsl:variable name="entries" select="f:index-entries(.)"/>
        <xsl:if test="exists($entries)">
          <ep:chapter href="index-{.}.xhtml" title="{f:label('print-index-' || .)}" type="index"
              landmark="{if (. = $v:indices[exists(f:index-entries(.))][1]) then 'index' else ''}">
            <xsl:call-template name="tp:index">
              <xsl:with-param name="id" select="'index-' || ."/>
              <xsl:with-param name="title" select="f:label('print-index-' || .)"/>
              <xsl:with-param name="entries" select="$entries"/>
            </xsl:call-template>
          </ep:chapter>
        </xsl:if>
      </xsl:for-each>
      <ep:chapter href="bibliography.xhtml" title="{f:label('nav-bibliography')}" type="bibliography" landmark="bibliography">
        <section class="part bibliography" id="bibliography" epub:type="bibliography" role="doc-bibliography">
          <h1>{f:label('nav-bibliography')}</h1>
          <xsl:for-each select="$v:authority//tei:listBibl[tei:bibl]">
            <xsl:if test="tei:head"><h2 class="bibliography-group">{normalize-space(tei:head[1])}</h2></xsl:if>
            <ul class="bibliography">
              <xsl:for-each select="tei:bibl">
                <xsl:sort select="f:bibl-sort-key(.)"/>
                <li><xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if><xsl:apply-templates select="." mode="m:bibl"/></li>
              </xsl:for-each>
            </ul>
          </xsl:for-each>
          <xsl:if test="empty($v:authority//tei:listBibl/tei:bibl)"><p>{f:label('none-recorded')}</p></xsl:if>
        </section>
      </ep:chapter>
    </xsl:document>
  </xsl:variable>

  <xsl:variable name="vp:chapters" as="element(ep:chapter)*" select="$vp:book/ep:chapter"/>

  <!-- The chapter that holds an anchor. -->
  <xsl:key name="fp:chapter-of" match="ep:chapter" use=".//@id"/>

  <!-- A document's number and short title, else its date and short title: its entry in
       the contents. -->
  <xsl:function name="fp:document-heading" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string-join(((f:number($tei)[.] ! f:document-label($tei)),
        f:format-date(f:sent-date($tei)), f:short-title($tei)), ' · ')"/>
  </xsl:function>

  <xsl:template name="epub">
    <xsl:for-each select="$vp:chapters">
      <xsl:result-document href="OEBPS/{@href}" format="xhtml">
        <xsl:call-template name="tp:xhtml">
          <xsl:with-param name="title" select="string(@title)"/>
          <xsl:with-param name="body">
            <xsl:apply-templates select="node()" mode="mp:epub"/>
            <xsl:call-template name="tp:footnotes"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="tp:xhtml">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="body" as="node()*"/>
    <html xml:lang="{$v:edition/@language}" lang="{$v:edition/@language}">
      <head>
        <meta charset="utf-8"/>
        <title>{$title}</title>
        <link rel="stylesheet" href="epub.css"/>
        <xsl:for-each select="$v:edition/c:css">
          <link rel="stylesheet" href="{@name}"/>
        </xsl:for-each>
      </head>
      <body>
        <xsl:sequence select="$body"/>
      </body>
    </html>
  </xsl:template>

  <!-- The notes of a chapter, in the order of their calls, after its text: a reader that
       pops footnotes up hides them, one that does not reads them here, each with a link
       back to its call. -->
  <xsl:template name="tp:footnotes">
    <xsl:variable name="notes" select=".//h:span[@class = 'footnote']"/>
    <xsl:if test="exists($notes)">
      <section class="footnotes" aria-labelledby="footnotes-heading">
        <h2 id="footnotes-heading">{f:label('notes')}</h2>
        <xsl:for-each select="$notes">
          <aside epub:type="footnote" role="doc-footnote" id="{@id}">
            <p><a class="note-back" href="#{@id}-call" role="doc-backlink"
                aria-label="{f:label('epub-note-back', string(@data-note))}">{@data-note}.</a><xsl:text> </xsl:text>
              <xsl:apply-templates select="node()" mode="mp:epub"/></p>
          </aside>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- One document                                              -->
  <!-- ======================================================= -->

  <xsl:template name="tp:document">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <section class="document" id="{$tei/@xml:id}" epub:type="chapter" role="doc-chapter">
      <h1 class="document-title">
        <xsl:if test="f:number($tei)"><span class="document-number">{f:document-label($tei)}</span><xsl:text> </xsl:text></xsl:if>
        <span class="document-title-text">{f:title($tei)}</span>
      </h1>
      <p class="document-date">{f:format-date(f:sent-date($tei))}</p>
      <!-- The record as on the web and in print (common/parts.xsl). -->
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
      <div class="document-text">
        <xsl:apply-templates select="$tei/tei:text/(tei:front | tei:body | tei:back | tei:group)" mode="m:text">
          <xsl:with-param name="heading-level" select="2" tunnel="yes"/>
        </xsl:apply-templates>
      </div>
    </section>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Indices                                                   -->
  <!-- ======================================================= -->

  <!-- Every entry of the index with a link back to each mention: the text that names it
       (a document's number, a front part's title), then the further mentions in that text
       by their count. -->
  <xsl:template name="tp:index">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <section class="part index" id="{$id}" epub:type="index" role="doc-index">
      <h1>{$title}</h1>
      <ul class="index-entries">
        <xsl:for-each select="$entries">
          <xsl:sort select="f:index-sort-key(.)"/>
          <xsl:variable name="entry-id" select="string(@xml:id)"/>
          <xsl:variable name="texts" select="if (exists(root(.) intersect $v:authority)) then ($v:front-in-order, $v:documents-in-order) else f:document-of(.)"/>
          <xsl:variable name="particulars" select="f:entry-particulars-nodes(.)"/>
          <li>
            <span class="index-name">{f:entry-name(.)}</span>
            <xsl:if test="exists($particulars)">
              <xsl:text> </xsl:text><span class="index-description"><xsl:sequence select="$particulars"/></span>
            </xsl:if>
            <xsl:variable name="mentioning" select="$texts[exists(key('fp:mentions', $entry-id, root(.)))]"/>
            <xsl:choose>
              <xsl:when test="empty($mentioning)">
                <xsl:text> </xsl:text><span class="index-none">{f:label('index-not-mentioned')}</span>
              </xsl:when>
              <xsl:otherwise>
                <span class="index-mentions">
                  <xsl:for-each select="$mentioning">
                    <xsl:variable name="text-label" select="if (f:number(.) and exists(. intersect $v:documents-in-order)) then f:document-label(.) else f:short-title(.)"/>
                    <xsl:text>{if (position() = 1) then ' ' else '; '}</xsl:text>
                    <xsl:for-each select="key('fp:mentions', $entry-id, root(.))">
                      <xsl:choose>
                        <xsl:when test="position() = 1">
                          <a href="#{f:mention-id(.)}">{$text-label}</a>
                        </xsl:when>
                        <xsl:otherwise>
                          <xsl:text> </xsl:text>
                          <a class="index-mention" href="#{f:mention-id(.)}"
                              aria-label="{f:label('epub-index-mention', ($text-label, position()))}">{position()}</a>
                        </xsl:otherwise>
                      </xsl:choose>
                    </xsl:for-each>
                  </xsl:for-each>
                </span>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- From the print rendering to EPUB                          -->
  <!-- ======================================================= -->

  <xsl:mode name="mp:epub" on-no-match="shallow-copy"/>

  <!-- Without the namespaces of the tree the chapters were built in (ep:). -->
  <xsl:template match="h:*" mode="mp:epub">
    <xsl:copy copy-namespaces="no">
      <xsl:apply-templates select="@*, node()" mode="mp:epub"/>
    </xsl:copy>
  </xsl:template>

  <!-- A footnote (text.xsl, print) becomes its call; tp:footnotes writes its body. -->
  <xsl:template match="h:span[@class = 'footnote']" mode="mp:epub">
    <sup class="note-call"><a epub:type="noteref" role="doc-noteref" id="{@id}-call" href="#{@id}"
        aria-label="{f:label('note', string(@data-note))}">{@data-note}</a></sup>
  </xsl:template>

  <xsl:template match="h:span[@class = 'note-call-separator']" mode="mp:epub">
    <sup class="note-call-separator">,</sup>
  </xsl:template>

  <!-- An anchor in another chapter: the link names its file. -->
  <xsl:template match="@href[starts-with(., '#')]" mode="mp:epub">
    <xsl:variable name="target" select="substring(., 2)"/>
    <xsl:variable name="chapter" select="key('fp:chapter-of', $target, $vp:book)[1]"/>
    <xsl:variable name="here" select="ancestor::ep:chapter"/>
    <xsl:attribute name="href" select="if ($chapter and not($chapter is $here)) then $chapter/@href || . else ."/>
  </xsl:template>

  <!-- A print reference to another document's page has no words of its own: here it
       gives the document's number. -->
  <xsl:template match="h:a[@class = 'doc-ref'][empty(node())]" mode="mp:epub">
    <xsl:variable name="document" select="key('f:by-id', substring(@href, 2), $v:documents-in-order ! root(.))[self::tei:TEI][1]"/>
    <xsl:copy>
      <xsl:apply-templates select="@*" mode="mp:epub"/>
      <xsl:text> [{($document ! f:document-label(.), substring(@href, 2))[1]}]</xsl:text>
    </xsl:copy>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- The package                                               -->
  <!-- ======================================================= -->

  <!-- The pages of the print edition, from $print-pages: each page that holds an anchor
       of the ebook, by the number printed on it (the main matter counted from 1 on the page
       of its first part, as book.xsl numbers it), mapped to the first such anchor in
       reading order, before which the ebook marks the page's start. -->
  <xsl:variable name="vp:page-breaks" as="map(xs:string, xs:integer)">
    <xsl:variable name="pairs" select="tokenize(normalize-space($print-pages))[contains(., ':')]"/>
    <xsl:variable name="physical" as="map(xs:string, xs:integer)" select="map:merge(
        $pairs ! map:entry(substring-before(., ':'), xs:integer(substring-after(., ':'))),
        map {'duplicates': 'use-first'})"/>
    <xsl:variable name="start" select="$physical(($v:front-in-order[1]/@xml:id, 'documents')[1])"/>
    <xsl:variable name="anchors" select="key('fp:anchor', map:keys($physical), $vp:book)"/>
    <xsl:sequence select="if (empty($start)) then map {} else map:merge(
        for $page in distinct-values($anchors ! $physical(string(@id)))[. ge $start]
        return $anchors[$physical(string(@id)) = $page][1] ! map:entry(string(@id), $page - $start + 1))"/>
  </xsl:variable>

  <!-- The elements before which a page's start may be marked (a span is allowed there). -->
  <xsl:key name="fp:anchor" match="h:span[@id] | h:p[@id] | h:section[@id] | h:aside[@id]" use="@id"/>

  <!-- The start of a print page, before the first anchor on it. -->
  <xsl:template match="h:*[@id][map:contains($vp:page-breaks, string(@id))]" mode="mp:epub" priority="2">
    <xsl:variable name="page" select="$vp:page-breaks(string(@id))"/>
    <span epub:type="pagebreak" role="doc-pagebreak" id="page-{$page}" aria-label="{$page}"/>
    <xsl:next-match/>
  </xsl:template>

  <xsl:variable name="vp:identifier" as="xs:string" select="$v:edition/@id || '-' || $v:edition/@version"/>

  <xsl:template name="package">
    <xsl:result-document href="META-INF/container.xml" format="xml">
      <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
        <rootfiles>
          <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
        </rootfiles>
      </container>
    </xsl:result-document>
    <xsl:result-document href="OEBPS/package.opf" format="xml">
      <xsl:call-template name="tp:package-document"/>
    </xsl:result-document>
    <xsl:result-document href="OEBPS/nav.xhtml" format="xhtml">
      <xsl:call-template name="tp:xhtml">
        <xsl:with-param name="title" select="f:label('contents')"/>
        <xsl:with-param name="body">
          <xsl:call-template name="tp:nav"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>

  <xsl:template name="tp:package-document">
    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"
        xml:lang="{$v:edition/@language}">
      <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
      <metadata>
        <dc:identifier id="pub-id">{$vp:identifier}</dc:identifier>
        <dc:title id="title">{$v:edition/@title}</dc:title>
        <meta refines="#title" property="title-type">main</meta>
        <xsl:if test="normalize-space($v:edition/@subtitle)">
          <dc:title id="subtitle">{$v:edition/@subtitle}</dc:title>
          <meta refines="#subtitle" property="title-type">subtitle</meta>
          <dc:description>{$v:edition/@subtitle}</dc:description>
        </xsl:if>
        <xsl:for-each select="$v:edition/c:editor">
          <dc:creator id="editor-{position()}">{.}</dc:creator>
          <meta refines="#editor-{position()}" property="role" scheme="marc:relators">edt</meta>
        </xsl:for-each>
        <dc:publisher>{$v:edition/@publisher}</dc:publisher>
        <dc:language>{$v:edition/@language}</dc:language>
        <dc:date>{$v:edition/@date}</dc:date>
        <meta property="dcterms:modified">{$modified}</meta>
        <meta property="schema:version">{$v:edition/@version}</meta>
        <xsl:for-each select="distinct-values($v:documents//tei:keywords/tei:term ! normalize-space(.))[. != '']">
          <xsl:sort select="."/>
          <dc:subject>{.}</dc:subject>
        </xsl:for-each>
        <dc:rights>{string-join(($v:edition/@licence || $v:edition/@licence-url[. != ''] ! (' (' || . || ')'),
            $v:edition/@licence-scope[. != '']), '. ')}</dc:rights>
        <xsl:if test="normalize-space($v:edition/@licence-url)">
          <meta property="dcterms:license">{$v:edition/@licence-url}</meta>
        </xsl:if>
        <xsl:if test="normalize-space($v:edition/@base-url)">
          <dc:source>{$v:edition/@base-url}</dc:source>
        </xsl:if>
        <meta property="schema:accessMode">textual</meta>
        <meta property="schema:accessModeSufficient">textual</meta>
        <meta property="schema:accessibilityFeature">structuralNavigation</meta>
        <meta property="schema:accessibilityFeature">tableOfContents</meta>
        <meta property="schema:accessibilityFeature">readingOrder</meta>
        <meta property="schema:accessibilityFeature">index</meta>
        <meta property="schema:accessibilityFeature">displayTransformability</meta>
        <xsl:if test="map:size($vp:page-breaks) gt 0">
          <meta property="schema:accessibilityFeature">pageNavigation</meta>
          <meta property="schema:accessibilityFeature">printPageNumbers</meta>
          <meta property="pageBreakSource">{f:label('epub-page-source', ($v:edition/@title, $v:edition/@version))}</meta>
        </xsl:if>
        <meta property="schema:accessibilityHazard">none</meta>
        <meta property="schema:accessibilitySummary">{f:label('epub-accessibility-summary')}</meta>
        <meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>
        <meta property="a11y:certifiedBy">{$v:edition/@publisher}</meta>
        <meta name="generator" content="cables {$v:edition/@generator-version}"/>
      </metadata>
      <manifest>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <xsl:for-each select="$vp:chapters">
          <item id="c{position()}" href="{@href}" media-type="application/xhtml+xml"/>
        </xsl:for-each>
        <xsl:for-each select="tokenize(normalize-space($resources))">
          <item id="r{position()}" href="{.}" media-type="{fp:media-type(.)}"/>
        </xsl:for-each>
      </manifest>
      <spine>
        <itemref idref="c1"/>
        <itemref idref="nav"/>
        <xsl:for-each select="$vp:chapters[position() > 1]">
          <itemref idref="c{position() + 1}"/>
        </xsl:for-each>
      </spine>
    </package>
  </xsl:template>

  <xsl:function name="fp:media-type" as="xs:string">
    <xsl:param name="href" as="xs:string"/>
    <xsl:variable name="extension" select="lower-case(tokenize($href, '\.')[last()])"/>
    <xsl:variable name="types" select="map {
        'css': 'text/css', 'otf': 'font/otf', 'ttf': 'font/ttf', 'woff': 'font/woff',
        'woff2': 'font/woff2', 'txt': 'text/plain', 'png': 'image/png', 'jpg': 'image/jpeg',
        'jpeg': 'image/jpeg', 'gif': 'image/gif', 'svg': 'image/svg+xml', 'webp': 'image/webp'
      }"/>
    <xsl:sequence select="($types($extension), 'application/octet-stream')[1]"/>
  </xsl:function>

  <!-- The navigation document: the contents, the landmarks and, when the print edition's
       pages are known, the page list. -->
  <xsl:template name="tp:nav">
    <nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-heading">
      <h1 id="toc-heading">{f:label('contents')}</h1>
      <ol>
        <xsl:for-each select="$vp:chapters[not(@document)]">
          <li>
            <a href="{@href}">{@title}</a>
            <xsl:if test="@type = 'part'">
              <ol>
                <xsl:for-each select="$vp:chapters[@document]">
                  <li><a href="{@href}">{@title}</a></li>
                </xsl:for-each>
              </ol>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
    <nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-heading" hidden="hidden">
      <h2 id="landmarks-heading">{f:label('epub-landmarks')}</h2>
      <ol>
        <li><a epub:type="toc" href="nav.xhtml#toc">{f:label('contents')}</a></li>
        <xsl:for-each select="$vp:chapters[normalize-space(@landmark)]">
          <li><a epub:type="{@landmark}" href="{@href}">{@title}</a></li>
        </xsl:for-each>
      </ol>
    </nav>
    <xsl:if test="map:size($vp:page-breaks) gt 0">
      <nav epub:type="page-list" id="page-list" aria-labelledby="page-list-heading" hidden="hidden">
        <h2 id="page-list-heading">{f:label('epub-page-list')}</h2>
        <ol>
          <xsl:for-each select="map:keys($vp:page-breaks)">
            <xsl:sort select="$vp:page-breaks(.)"/>
            <li><a href="{key('fp:chapter-of', ., $vp:book)[1]/@href}#page-{$vp:page-breaks(.)}">{$vp:page-breaks(.)}</a></li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
