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
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:m="urn:cables:modes"
    xmlns:t="urn:cables:templates"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:c="urn:cables:manifest"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../common/functions.xsl"/>
  <xsl:import href="../common/text.xsl"/>
  <xsl:import href="../common/parts.xsl"/>

  <!-- Overrides common/text.xsl: footnotes and index anchors instead of links. -->
  <xsl:param name="output" as="xs:string" select="'print'"/>

  <xsl:output name="page" method="html" html-version="5.0" encoding="UTF-8" indent="no"/>

  <!-- The mentions of each authority entry in the texts, for the printed indices. -->
  <xsl:key name="fp:mentions"
      match="(tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name)
          [ancestor::tei:text or parent::tei:correspAction or ancestor::tei:note[ancestor::tei:teiHeader]]"
      use="f:pointed-ids(.)"/>

  <xsl:template name="book">
    <xsl:result-document href="edition.html" format="page">
      <xsl:call-template name="tp:html">
        <xsl:with-param name="title" select="string($v:edition/@title)"/>
        <xsl:with-param name="keywords" select="distinct-values($v:documents//tei:keywords/tei:term ! normalize-space(.))"/>
        <xsl:with-param name="body">
          <xsl:call-template name="tp:title-page"/>
          <xsl:call-template name="tp:imprint"/>
          <xsl:call-template name="tp:contents"/>
          <xsl:for-each select="$v:front-in-order">
            <section class="part front" id="{@xml:id}">
              <h1>{f:title(.)}</h1>
              <xsl:apply-templates select="tei:text/tei:body" mode="m:text">
                <xsl:with-param name="heading-level" select="2" tunnel="yes"/>
              </xsl:apply-templates>
            </section>
          </xsl:for-each>
          <section class="part part-title" id="documents">
            <h1>{f:label('the-documents')}</h1>
            <p>{f:label(if (every $tei in $v:documents-in-order satisfies f:text-kind($tei) = 'summary')
                then 'print-documents-summary' else 'print-documents', count($v:documents-in-order))}</p>
          </section>
          <xsl:for-each select="$v:documents-in-order">
            <xsl:call-template name="tp:document">
              <xsl:with-param name="tei" select="."/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:for-each select="$v:indices">
            <xsl:call-template name="tp:index">
              <xsl:with-param name="id" select="'index-' || ."/>
              <xsl:with-param name="title" select="f:label('print-index-' || .)"/>
              <xsl:with-param name="entries" select="f:index-entries(.)"/>
            </xsl:call-template>
          </xsl:for-each>
          <section class="part bibliography" id="bibliography">
            <h1>{f:label('nav-bibliography')}</h1>
            <ul class="bibliography">
              <xsl:for-each select="$v:authority//tei:listBibl/tei:bibl">
                <xsl:sort select="lower-case(string-join((tei:author, tei:title)[1]))"/>
                <li><xsl:apply-templates select="." mode="m:bibl"/></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>

    <xsl:for-each select="$v:documents-in-order">
      <!-- Named after the file, never after an attribute a document could set. -->
      <xsl:result-document href="documents/doc-{f:stem(.)}.html" format="page">
        <xsl:call-template name="tp:html">
          <xsl:with-param name="title" select="f:title(.)"/>
          <xsl:with-param name="css" select="'../print.css'"/>
          <xsl:with-param name="keywords" select=".//tei:keywords/tei:term ! normalize-space(.)"/>
          <xsl:with-param name="body">
            <p class="single-edition">{$v:edition/@title} · {f:label('print-version', $v:edition/@version)} ·
              {$v:edition/@licence} · {f:format-iso($v:edition/@build-date)}</p>
            <xsl:call-template name="tp:document">
              <xsl:with-param name="tei" select="."/>
              <xsl:with-param name="figure-base" select="'../'" tunnel="yes"/>
              <!-- Alone in its PDF: references to other documents name them (text.xsl). -->
              <xsl:with-param name="single-document" select="true()" tunnel="yes"/>
            </xsl:call-template>
            <section class="how-to-cite">
              <h2>{f:label('cite-heading')}</h2>
              <p><xsl:sequence select="f:citation(.)"/></p>
            </section>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- The HTML shell; title, author, description and keywords become PDF metadata. -->
  <xsl:template name="tp:html">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="keywords" as="xs:string*"/>
    <xsl:param name="body" as="node()*"/>
    <xsl:param name="css" as="xs:string" select="'print.css'"/>
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
        <!-- The edition's own CSS ([build] css), beside print.css, after it. -->
        <xsl:for-each select="$v:edition/c:css">
          <link rel="stylesheet" href="{substring-before($css, 'print.css')}{@name}"/>
        </xsl:for-each>
      </head>
      <body>
        <p class="edition-name">{$v:edition/@title}</p>
        <xsl:sequence select="$body"/>
      </body>
    </html>
  </xsl:template>


  <!-- ======================================================= -->
  <!-- Front pages                                               -->
  <!-- ======================================================= -->

  <xsl:template name="tp:title-page">
    <section class="title-page" id="title-page">
      <h1 class="book-title">{$v:edition/@title}</h1>
      <p class="book-subtitle">{$v:edition/@subtitle}</p>
      <p class="book-editors">{f:label('edited-by', string-join($v:edition/c:editor, ', '))}</p>
      <p class="book-publisher">{$v:edition/@publisher} · {f:label('print-version', $v:edition/@version)}</p>
    </section>
  </xsl:template>

  <xsl:template name="tp:imprint">
    <section class="imprint" id="imprint">
      <h1 class="imprint-heading">{f:label('imprint')}</h1>
      <p><cite>{$v:edition/@title}</cite>. {$v:edition/@subtitle}.</p>
      <p>{f:label('imprint-editors', (string-join($v:edition/c:editor, ', '), $v:edition/@publisher))}</p>
      <p>{f:label('imprint-built', ($v:edition/@version, f:format-iso($v:edition/@build-date)))}</p>
      <p>{f:label('imprint-licence', ($v:edition/@licence, $v:edition/@licence-url))}</p>
      <p>{f:label('how-to-cite')} <xsl:sequence select="f:citation(())"/></p>
    </section>
  </xsl:template>

  <xsl:template name="tp:contents">
    <nav class="toc" id="contents" aria-label="{f:label('contents')}">
      <h1>{f:label('contents')}</h1>
      <ol>
        <xsl:for-each select="$v:front-in-order">
          <li><a href="#{@xml:id}">{f:title(.)}</a></li>
        </xsl:for-each>
        <li><a href="#documents">{f:label('the-documents')}</a>
          <ol>
            <xsl:for-each select="$v:documents-in-order">
              <li><a href="#{@xml:id}">{f:format-date(f:sent-date(.))}: {f:short-title(.)}</a></li>
            </xsl:for-each>
          </ol>
        </li>
        <xsl:for-each select="$v:indices">
          <li><a href="#index-{.}">{f:label('print-index-' || .)}</a></li>
        </xsl:for-each>
        <li><a href="#bibliography">{f:label('nav-bibliography')}</a></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- One document                                              -->
  <!-- ======================================================= -->

  <xsl:template name="tp:document">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>
    <section class="document" id="{$tei/@xml:id}">
      <p class="running-head">{f:format-date($date)} · {f:short-title($tei)}</p>
      <p class="document-date">{f:format-date($date)}</p>
      <h2 class="document-title">{f:title($tei)}</h2>
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
  <!-- Indices with page numbers                                  -->
  <!-- ======================================================= -->

  <!-- One page reference per document (or front-matter part) that names the entry, pointing
       at its first mention there; print.css turns each into the page number. -->
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
          <xsl:variable name="firsts" select="(if (exists(root(.) intersect $v:authority)) then ($v:front-in-order, $v:documents-in-order) else f:document-of(.))
              ! key('fp:mentions', $entry-id, root(.))[1]"/>
          <!-- Every entry of the index, as on the web; one the texts do not name says so. -->
          <li>
            <span class="index-name">{f:entry-description(.)}</span>
            <xsl:for-each select="$firsts">
              <xsl:text> </xsl:text>
              <a class="page-ref" href="#{f:mention-id(.)}"></a>
            </xsl:for-each>
            <xsl:if test="empty($firsts)"><span class="index-none"> · {f:label('index-not-mentioned')}</span></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

</xsl:stylesheet>
