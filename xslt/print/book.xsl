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
    xmlns:c="urn:cables:manifest"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../common/functions.xsl"/>
  <xsl:import href="../common/text.xsl"/>

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
      <xsl:call-template name="fp:html">
        <xsl:with-param name="title" select="string($f:edition/@title)"/>
        <xsl:with-param name="keywords" select="distinct-values($f:documents//tei:keywords/tei:term ! normalize-space(.))"/>
        <xsl:with-param name="body">
          <xsl:call-template name="fp:title-page"/>
          <xsl:call-template name="fp:imprint"/>
          <xsl:call-template name="fp:contents"/>
          <xsl:for-each select="$f:front-in-order">
            <section class="part front" id="{@xml:id}">
              <h1>{f:title(.)}</h1>
              <xsl:apply-templates select="tei:text/tei:body" mode="f:text">
                <xsl:with-param name="heading-level" select="2" tunnel="yes"/>
              </xsl:apply-templates>
            </section>
          </xsl:for-each>
          <section class="part part-title" id="documents">
            <h1>The documents</h1>
            <xsl:choose>
              <xsl:when test="every $tei in $f:documents-in-order satisfies f:text-label($tei) = 'The edition''s summary'">
                <p>{count($f:documents-in-order)} documents in date order. Each begins with the record of
              what is known about it; the text that follows is the edition's summary, not a
              translation. Notes are at the foot of the page.</p>
              </xsl:when>
              <xsl:otherwise>
                <p>{count($f:documents-in-order)} documents in date order. Each begins with the record of
              what is known about it, followed by its text. Notes are at the foot of the page.</p>
              </xsl:otherwise>
            </xsl:choose>
          </section>
          <xsl:for-each select="$f:documents-in-order">
            <xsl:call-template name="fp:document">
              <xsl:with-param name="tei" select="."/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:call-template name="fp:index">
            <xsl:with-param name="id" select="'index-persons'"/>
            <xsl:with-param name="title" select="'Index of persons'"/>
            <xsl:with-param name="entries" select="$f:authority//tei:listPerson/tei:person, fp:register('persons')"/>
          </xsl:call-template>
          <xsl:call-template name="fp:index">
            <xsl:with-param name="id" select="'index-places'"/>
            <xsl:with-param name="title" select="'Index of places'"/>
            <xsl:with-param name="entries" select="$f:authority//tei:listPlace/tei:place, fp:register('places')"/>
          </xsl:call-template>
          <xsl:call-template name="fp:index">
            <xsl:with-param name="id" select="'index-organisations'"/>
            <xsl:with-param name="title" select="'Index of organisations'"/>
            <xsl:with-param name="entries" select="$f:authority//tei:listOrg/tei:org[not(@type = 'edition')], fp:register('organisations')"/>
          </xsl:call-template>
          <section class="part bibliography" id="bibliography">
            <h1>Bibliography</h1>
            <ul class="bibliography">
              <xsl:for-each select="$f:authority//tei:listBibl/tei:bibl">
                <xsl:sort select="lower-case(string-join((tei:author, tei:title)[1]))"/>
                <li><xsl:apply-templates select="." mode="f:bibl"/></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>

    <xsl:for-each select="$f:documents-in-order">
      <!-- Named after the file, never after an attribute a document could set. -->
      <xsl:result-document href="documents/doc-{f:stem(.)}.html" format="page">
        <xsl:call-template name="fp:html">
          <xsl:with-param name="title" select="f:title(.)"/>
          <xsl:with-param name="css" select="'../print.css'"/>
          <xsl:with-param name="keywords" select=".//tei:keywords/tei:term ! normalize-space(.)"/>
          <xsl:with-param name="body">
            <p class="single-edition">{$f:edition/@title} · version {$f:edition/@version} ·
              {$f:edition/@licence} · {f:format-iso($f:edition/@build-date)}</p>
            <xsl:call-template name="fp:document">
              <xsl:with-param name="tei" select="."/>
              <xsl:with-param name="figure-base" select="'../'" tunnel="yes"/>
              <!-- Alone in its PDF: references to other documents name them (text.xsl). -->
              <xsl:with-param name="single-document" select="true()" tunnel="yes"/>
            </xsl:call-template>
            <section class="how-to-cite">
              <h2>How to cite</h2>
              <p>{fp:citation(.)}</p>
            </section>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- The HTML shell; title, author, description and keywords become PDF metadata. -->
  <xsl:template name="fp:html">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="keywords" as="xs:string*"/>
    <xsl:param name="body" as="node()*"/>
    <xsl:param name="css" as="xs:string" select="'print.css'"/>
    <html lang="{$f:edition/@language}">
      <head>
        <meta charset="utf-8"/>
        <title>{$title}</title>
        <meta name="author" content="{string-join($f:edition/c:editor, ', ')}"/>
        <meta name="description" content="{$f:edition/@subtitle}"/>
        <meta name="keywords" content="{string-join($keywords, ', ')}"/>
        <meta name="generator" content="cables {$f:edition/@generator-version}"/>
        <meta name="dcterms.created" content="{$f:edition/@build-date}T00:00:00Z"/>
        <meta name="dcterms.modified" content="{$f:edition/@build-date}T00:00:00Z"/>
        <link rel="stylesheet" href="{$css}"/>
      </head>
      <body>
        <p class="edition-name">{$f:edition/@title}</p>
        <xsl:sequence select="$body"/>
      </body>
    </html>
  </xsl:template>


  <!-- ======================================================= -->
  <!-- Front pages                                               -->
  <!-- ======================================================= -->

  <xsl:template name="fp:title-page">
    <section class="title-page" id="title-page">
      <h1 class="book-title">{$f:edition/@title}</h1>
      <p class="book-subtitle">{$f:edition/@subtitle}</p>
      <p class="book-editors">Edited by {string-join($f:edition/c:editor, ', ')}</p>
      <p class="book-publisher">{$f:edition/@publisher} · version {$f:edition/@version}</p>
    </section>
  </xsl:template>

  <xsl:template name="fp:imprint">
    <section class="imprint" id="imprint">
      <h1 class="imprint-heading">Imprint</h1>
      <p><cite>{$f:edition/@title}</cite>. {$f:edition/@subtitle}.</p>
      <p>Edited by {string-join($f:edition/c:editor, ', ')}. Published by {$f:edition/@publisher}.</p>
      <p>Version {$f:edition/@version}. This book was built on {f:format-iso($f:edition/@build-date)}
        from the TEI sources of the edition, which are attached to this PDF file.</p>
      <p>Licence: the edition's summaries, notes, introduction and encoding are licensed under
        {$f:edition/@licence} ({$f:edition/@licence-url}). The documents themselves and their English
        translations are not covered by this licence.</p>
      <p>How to cite: {string-join($f:edition/c:editor, ', ')}, {if (count($f:edition/c:editor) > 1) then 'eds.' else 'ed.'}
        <cite>{$f:edition/@title}</cite>. Version {$f:edition/@version}. {$f:edition/@publisher},
        {substring($f:edition/@date, 1, 4)}.{if ($f:edition/@base-url != '') then ' ' || $f:edition/@base-url else ' The stable web address has not yet been assigned.'}</p>
    </section>
  </xsl:template>

  <xsl:template name="fp:contents">
    <nav class="toc" id="contents" aria-label="Contents">
      <h1>Contents</h1>
      <ol>
        <xsl:for-each select="$f:front-in-order">
          <li><a href="#{@xml:id}">{f:title(.)}</a></li>
        </xsl:for-each>
        <li><a href="#documents">The documents</a>
          <ol>
            <xsl:for-each select="$f:documents-in-order">
              <li><a href="#{@xml:id}">{f:format-date(f:sent-date(.))}: {f:short-title(.)}</a></li>
            </xsl:for-each>
          </ol>
        </li>
        <li><a href="#index-persons">Index of persons</a></li>
        <li><a href="#index-places">Index of places</a></li>
        <li><a href="#index-organisations">Index of organisations</a></li>
        <li><a href="#bibliography">Bibliography</a></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- One document                                              -->
  <!-- ======================================================= -->

  <xsl:template name="fp:document">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>
    <section class="document" id="{$tei/@xml:id}">
      <p class="running-head">{f:format-date($date)} · {f:short-title($tei)}</p>
      <p class="document-date">{f:format-date($date)}</p>
      <h2 class="document-title">{f:title($tei)}</h2>
      <!-- A row for each kind of information the corpus holds (f:holds), as on the web. -->
      <xsl:variable name="holds" select="$f:corpus-holds"/>
      <xsl:variable name="senders" select="f:parties($tei, 'sent') | f:places($tei, 'sent')"/>
      <xsl:variable name="addressees" select="f:parties($tei, 'received') | f:places($tei, 'received')"/>
      <dl class="record">
        <xsl:if test="$holds = ('parties', 'places')">
          <xsl:choose>
            <xsl:when test="empty(($senders, $addressees))">
              <dt>Sender and addressee</dt>
              <dd>not recorded</dd>
            </xsl:when>
            <xsl:otherwise>
              <dt>Sender</dt>
              <dd><xsl:apply-templates select="$senders" mode="fp:names"/><xsl:if test="empty($senders)">not recorded</xsl:if></dd>
              <dt>Addressee</dt>
              <dd>
                <xsl:apply-templates select="$addressees" mode="fp:names"/>
                <xsl:if test="empty($addressees)">not recorded</xsl:if>
              </dd>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:for-each select="f:variant-dates($tei)">
          <dt>Other date</dt>
          <dd>{f:format-date(.)} (given by another source; see the note on the record)</dd>
        </xsl:for-each>
        <xsl:if test="$holds = 'type'">
          <dt>Type</dt>
          <dd>{f:type-label($tei/tei:text/@type)}</dd>
        </xsl:if>
        <xsl:if test="$holds = 'classification'">
          <dt>Classification</dt>
          <dd>{string-join(($header//tei:note[@type = 'classification']/@subtype ! f:classification-label(.)), '; ')}<xsl:if test="not($header//tei:note[@type = 'classification'])">not recorded</xsl:if></dd>
        </xsl:if>
        <xsl:if test="$holds = 'serial'">
          <dt>Serial mark</dt>
          <dd>{(string-join($header//tei:idno[@type = 'serial'] ! normalize-space(.), '; ')[. != ''], 'none recorded')[1]}</dd>
        </xsl:if>
        <xsl:if test="$holds = 'source'">
          <dt>Source</dt>
          <dd>
            <xsl:for-each select="$header//tei:sourceDesc/tei:bibl">
              <xsl:value-of select="if (@type = 'archive-page') then 'Archive page: ' else if (@type = 'blog-post') then 'Known from: ' else ''"/>
              <xsl:value-of select="normalize-space(tei:title[1])"/>
              <xsl:for-each select="tei:ref[f:is-external(@target)]">. <span class="url">{@target}</span></xsl:for-each>
            </xsl:for-each>
            <xsl:for-each select="$header//tei:sourceDesc/tei:p[normalize-space(.) != '']">
              <xsl:value-of select="normalize-space(.)"/>
            </xsl:for-each>
            <xsl:if test="not($header//tei:sourceDesc/(tei:bibl | tei:p[normalize-space(.) != '']))">not recorded</xsl:if>
          </dd>
        </xsl:if>
        <xsl:if test="$holds = 'status'">
          <dt>Status</dt>
          <dd>{f:status-label(f:status($tei))}</dd>
        </xsl:if>
      </dl>
      <xsl:variable name="record-notes" select="$header//tei:correspDesc/tei:note | $header//tei:msItem/tei:note[not(@type = 'classification')] | $header//tei:sourceDesc/tei:bibl/tei:note | $header//tei:note[@type = 'classification']"/>
      <xsl:if test="$record-notes">
        <div class="record-notes">
          <xsl:for-each select="$record-notes">
            <p><xsl:apply-templates select="." mode="f:note-body"/></p>
          </xsl:for-each>
        </div>
      </xsl:if>
      <!-- All of the text, as on the web page: front (title page, cast list, opener) and
           back (appendices, postscripts) too. -->
      <div class="document-text">
        <xsl:apply-templates select="$tei/tei:text/(tei:front | tei:body | tei:back | tei:group)" mode="f:text">
          <xsl:with-param name="heading-level" select="3" tunnel="yes"/>
        </xsl:apply-templates>
      </div>
    </section>
  </xsl:template>

  <!-- Names and places of a correspondence action; one that only points shows its entry. -->
  <xsl:template match="*" mode="fp:names">
    <xsl:if test="position() > 1">
      <xsl:value-of select="if (self::tei:placeName or self::tei:settlement) then ', ' else '; '"/>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="normalize-space(.) = ''"><span class="name">{f:party-name(.)}</span></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="f:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The entries of one index from the documents' own registers (f:register-entries). -->
  <xsl:function name="fp:register" as="element()*">
    <xsl:param name="index" as="xs:string"/>
    <xsl:sequence select="$f:documents-in-order ! f:register-entries(.)[f:index-of(.) = $index]"/>
  </xsl:function>

  <xsl:function name="fp:citation" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string-join($f:edition/c:editor, ', ') || ', '
        || (if (count($f:edition/c:editor) > 1) then 'eds.' else 'ed.') || ' “' || f:title($tei) || ',” '
        || (f:sent-date($tei) ! f:format-date(.), 'n.d.')[1] || '. In ' || $f:edition/@title || ', version '
        || $f:edition/@version || ', ' || substring($f:edition/@date, 1, 4) || '. '
        || (if ($f:edition/@base-url != '') then $f:edition/@base-url || f:stem($tei) || '.html.'
            else 'The stable web address has not yet been assigned.')"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Indices with page numbers                                  -->
  <!-- ======================================================= -->

  <!-- One page reference per document (or front-matter part) that names the entry, pointing
       at its first mention there; print.css turns each into the page number. -->
  <xsl:template name="fp:index">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <section class="part index" id="{$id}">
      <h1>{$title}</h1>
      <ul class="index-entries">
        <xsl:for-each select="$entries">
          <xsl:sort select="lower-case(f:entry-name(.))"/>
          <xsl:variable name="entry-id" select="string(@xml:id)"/>
          <!-- An entry of a document's own register is named in that document only. -->
          <xsl:variable name="firsts" select="(if (exists(root(.) intersect $f:authority)) then ($f:front-in-order, $f:documents-in-order) else f:document-of(.))
              ! key('fp:mentions', $entry-id, root(.))[1]"/>
          <xsl:if test="exists($firsts)">
            <li>
              <span class="index-name">{f:entry-description(.)}</span>
              <xsl:for-each select="$firsts">
                <xsl:text> </xsl:text>
                <a class="page-ref" href="#{f:mention-id(.)}"></a>
              </xsl:for-each>
            </li>
          </xsl:if>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

</xsl:stylesheet>
