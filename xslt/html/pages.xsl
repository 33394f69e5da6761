<?xml version="1.0" encoding="UTF-8"?>
<!--
  pages.xsl: the home page, document pages, front-matter pages, indices and bibliography
  of the web edition. Included by site.xsl, which provides the page shell (tp:page).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
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
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The records of the documents that name an entry in their texts, and in their
       headers, by the entry's id: keys, because searching every record for every entry
       would make the indices cost entries × documents. -->
  <xsl:key name="fp:record-mentions" match="c:record" use="c:mention/@id"/>
  <xsl:key name="fp:record-header-mentions" match="c:record" use="tokenize(c:header-mentions)"/>

  <!-- Every tagged mention in a text of the front matter, by the id of the entry it names. -->
  <xsl:key name="fp:mentions" match="tei:text//*[@ref or @key]" use="f:pointed-ids(.)"/>

  <!-- ======================================================= -->
  <!-- Home                                                      -->
  <!-- ======================================================= -->

  <xsl:template name="tp:home">
    <xsl:variable name="introduction" select="$v:front/tei:TEI[f:stem(.) = 'introduction']"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page('home')"/>
      <xsl:with-param name="title" select="string($v:edition/@title)"/>
      <xsl:with-param name="content">
        <h1>{$v:edition/@title}</h1>
        <p class="subtitle">{$v:edition/@subtitle}</p>
        <xsl:if test="$introduction">
          <div class="lead">
            <xsl:apply-templates select="($introduction//tei:body//tei:p)[1]" mode="m:text">
              <xsl:with-param name="numbered" select="false()" tunnel="yes"/>
            </xsl:apply-templates>
            <p><a href="introduction.html">{f:label('home-read-introduction')}</a></p>
          </div>
        </xsl:if>
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">{f:label('the-documents')}</h2>
          <!-- The columns the corpus has data for; Document always. On a phone each row
               becomes a card (edition.css) whose words say what its party and status
               lines are, for a reader whose browser no longer treats it as a table. -->
          <xsl:variable name="columns" select="(('number')[exists($v:documents-in-order[f:number(.) != ''])],
              ('date', 'parties', 'status')[. = $v:corpus-holds])"/>
          <table class="documents">
            <caption>{f:label('home-documents-caption', count($v:documents-in-order))}</caption>
            <thead>
              <tr>
                <xsl:if test="$columns = 'number'"><th scope="col">{f:label('column-number')}</th></xsl:if>
                <xsl:if test="$columns = 'date'"><th scope="col">{f:label('column-date')}</th></xsl:if>
                <th scope="col">{f:label('column-document')}</th>
                <xsl:if test="$columns = 'parties'"><th scope="col">{f:label('column-parties')}</th></xsl:if>
                <xsl:if test="$columns = 'status'"><th scope="col">{f:label('column-status')}</th></xsl:if>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$v:documents-in-order">
                <tr>
                  <xsl:if test="$columns = 'number'">
                    <td class="number">{if (f:number(.) != '') then f:document-label(.) else f:label('not-recorded-inline')}</td>
                  </xsl:if>
                  <xsl:if test="$columns = 'date'">
                    <td class="date"><xsl:call-template name="t:time"><xsl:with-param name="date" select="f:sent-date(.)"/></xsl:call-template></td>
                  </xsl:if>
                  <td class="title"><a href="{f:stem(.)}.html">{f:title(.)}</a></td>
                  <xsl:if test="$columns = 'parties'">
                    <td class="parties">
                      <span class="card-label">{f:label('column-parties')}: </span>
                      <xsl:sequence select="fp:from-to(.)"/>
                    </td>
                  </xsl:if>
                  <!-- A document without a status says so in words, not with a badge. -->
                  <xsl:if test="$columns = 'status'">
                    <td class="status-cell">
                      <span class="card-label">{f:label('column-status')}: </span>
                      <xsl:if test="f:status(.) = ''">{f:label('not-recorded-inline')}</xsl:if>
                      <xsl:if test="f:status(.) != ''"><span class="status status-{f:status(.)}">{f:status-label(f:status(.))}</span></xsl:if>
                    </td>
                  </xsl:if>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
        <section aria-labelledby="explore-heading">
          <h2 id="explore-heading">{f:label('explore-heading')}</h2>
          <!-- Each item a label whose {1}, {2}... are links named by other labels. -->
          <ul class="explore">
            <xsl:for-each select="$vp:explore">
              <li><xsl:sequence select="f:label-nodes(@key, vp:link ! fp:explore-link(.))"/></li>
            </xsl:for-each>
          </ul>
        </section>
        <xsl:call-template name="tp:downloads"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The items of the home page's list of the edition's parts: the label of each and
       the links it holds, by file name and the label of their words. -->
  <xsl:variable name="vp:explore" as="element(vp:item)+">
    <vp:item key="explore-introduction"><vp:link href="introduction.html" key="nav-introduction"/></vp:item>
    <vp:item key="explore-principles"><vp:link href="principles.html" key="editorial-principles"/></vp:item>
    <vp:item key="explore-chronology"><vp:link href="{f:site-page('chronology')}" key="nav-chronology"/></vp:item>
    <vp:item key="explore-indices">
      <xsl:for-each select="$v:indices">
        <vp:link href="{f:site-page(.)}" key="index-name-{.}"/>
      </xsl:for-each>
    </vp:item>
    <vp:item key="explore-bibliography">
      <vp:link href="{f:site-page('bibliography')}" key="nav-bibliography"/>
      <vp:link href="abbreviations.html" key="explore-abbreviations"/>
    </vp:item>
    <vp:item key="explore-search"><vp:link href="{f:site-page('search')}" key="nav-search"/></vp:item>
    <vp:item key="explore-encoding"><vp:link href="{f:site-page('guidelines')}" key="encoding-guidelines"/></vp:item>
  </xsl:variable>

  <xsl:function name="fp:explore-link" as="element()">
    <xsl:param name="link" as="element(vp:link)"/>
    <a href="{$link/@href}">{f:label($link/@key)}</a>
  </xsl:function>

  <!-- "A → B", each party with the editors' certainty in words when they are not sure
       ("Foreign Ministry (probable)"); a document of a corpus with parties that names
       neither says so once. -->
  <xsl:function name="fp:from-to" as="node()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:choose>
      <xsl:when test="empty((f:parties($tei, 'sent'), f:parties($tei, 'received')))">{f:label('not-recorded-inline')}</xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="fp:home-parties($tei, 'sent')"/>
        <xsl:text> → </xsl:text>
        <xsl:sequence select="fp:home-parties($tei, 'received')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="fp:home-parties" as="node()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="names" select="f:parties($tei, $action)"/>
    <xsl:if test="empty($names)">{f:party($tei, $action)}</xsl:if>
    <xsl:for-each select="$names">
      <xsl:if test="position() > 1">; </xsl:if>
      <span>
        <xsl:call-template name="tp:lang"/>
        <xsl:value-of select="f:party-name(.)"/>
      </span>
      <xsl:for-each select="f:certainty(.)">
        <xsl:text> </xsl:text>
        <span class="certainty">({.})</span>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- One document                                              -->
  <!-- ======================================================= -->

  <xsl:template name="tp:document-page">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="neighbours" as="element(c:page)"/>
    <xsl:variable name="stem" select="f:stem($tei)"/>
    <xsl:variable name="title" select="f:title($tei)"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>
    <xsl:variable name="number" select="f:number($tei)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="$stem || '.html'"/>
      <xsl:with-param name="title" select="string-join((f:numbered-title($number, f:short-title($tei), false()),
          $date ! f:format-date(.)), ', ')"/>
      <xsl:with-param name="description" select="f:label('description-' || f:text-kind($tei), $title)"/>
      <xsl:with-param name="meta" as="element()*">
        <meta name="DC.type" content="Text"/>
        <xsl:if test="f:iso($date) != ''">
          <meta name="DC.date.created" content="{f:iso($date)}"/>
        </xsl:if>
        <!-- The sender is the document's creator, when the editors are sure of it. -->
        <xsl:for-each select="f:parties($tei, 'sent')[not(@cert)]">
          <meta name="DC.creator" content="{f:party-name(.)}"/>
        </xsl:for-each>
        <xsl:for-each select="fp:archive-page($tei)">
          <meta name="DC.source" content="{.}"/>
        </xsl:for-each>
        <xsl:if test="$tei//tei:keywords/tei:term">
          <meta name="DC.subject" content="{string-join($tei//tei:keywords/tei:term ! normalize-space(.), '; ')}"/>
        </xsl:if>
        <!-- For Zotero and Google Scholar: a book title makes the page a section of the
             edition (Zotero's "Embedded Metadata": bookSection). No citation_author:
             Zotero splits every name into first and last, which no corporate sender
             survives; the sender is in the title and in the citation files. -->
        <meta name="citation_title" content="{$title}"/>
        <xsl:for-each select="$v:edition/c:editor">
          <meta name="citation_editor" content="{.}"/>
        </xsl:for-each>
        <xsl:if test="f:iso($date) != ''">
          <meta name="citation_date" content="{replace(f:iso($date), '-', '/')}"/>
        </xsl:if>
        <meta name="citation_online_date" content="{replace($v:edition/@date, '-', '/')}"/>
        <meta name="citation_publisher" content="{$v:edition/@publisher}"/>
        <meta name="citation_inbook_title" content="{$v:edition/@title}"/>
        <meta name="citation_book_title" content="{$v:edition/@title}"/>
        <meta name="citation_language" content="{$v:edition/@language}"/>
        <xsl:if test="$pdf-available">
          <meta name="citation_pdf_url" content="{$v:edition/@base-url}pdf/doc-{$stem}.pdf"/>
        </xsl:if>
        <xsl:if test="$v:edition/@base-url != ''">
          <meta name="citation_public_url" content="{$v:edition/@base-url}{$stem}.html"/>
          <meta name="citation_abstract_html_url" content="{$v:edition/@base-url}{$stem}.html"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="json-ld" select="fp:json-ld-document($tei)"/>
      <xsl:with-param name="content">
        <article class="document" id="document">
          <header class="document-header">
            <xsl:if test="$date or $v:corpus-holds = 'date'">
              <p class="document-date"><xsl:call-template name="t:time"><xsl:with-param name="date" select="$date"/></xsl:call-template></p>
            </xsl:if>
            <!-- The number the edition cites the document by, above its title. -->
            <h1>
              <xsl:if test="$number != ''">
                <span class="document-number">{f:label('document-heading-number', $number)}</span>
                <xsl:text> </xsl:text>
              </xsl:if>
              <span class="document-title">{$title}</span>
            </h1>
            <!-- The badge for a status the document has; its record says when it has none. -->
            <xsl:if test="f:status($tei) != ''">
              <p class="status status-{f:status($tei)}">{f:status-label(f:status($tei))}</p>
            </xsl:if>
          </header>
          <xsl:call-template name="tp:metadata-panel">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <section class="text" aria-labelledby="text-heading">
            <h2 id="text-heading">{f:text-label($tei)}</h2>
            <xsl:apply-templates select="$tei/tei:text/(tei:front | tei:body | tei:back | tei:group)" mode="m:text">
              <xsl:with-param name="heading-level" select="3" tunnel="yes"/>
            </xsl:apply-templates>
          </section>
          <xsl:call-template name="tp:notes">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <xsl:call-template name="tp:citation">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
          <section class="downloads" aria-labelledby="downloads-heading">
            <h2 id="downloads-heading">{f:label('download')}</h2>
            <ul>
              <!-- The path as a URI: a file name may hold spaces or letters beyond ASCII. -->
              <li><a href="{string-join(tokenize($neighbours/@source, '/') ! encode-for-uri(.), '/')}" download="">{f:label('download-tei')}</a></li>
              <xsl:if test="$pdf-available">
                <li><a href="pdf/doc-{$stem}.pdf">{f:label('download-pdf')}</a></li>
              </xsl:if>
            </ul>
          </section>
          <nav class="prev-next" aria-label="{f:label('previous-next')}">
            <ul>
              <xsl:for-each select="$neighbours[@previous-stem]">
                <li class="previous"><a href="{@previous-stem}.html" rel="prev">{f:label('previous',
                    (f:numbered-title(@previous-number, @previous-title, true()), @previous-date))}</a></li>
              </xsl:for-each>
              <xsl:for-each select="$neighbours[@next-stem]">
                <li class="next"><a href="{@next-stem}.html" rel="next">{f:label('next',
                    (f:numbered-title(@next-number, @next-title, true()), @next-date))}</a></li>
              </xsl:for-each>
            </ul>
          </nav>
        </article>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="tp:citation-files">
      <xsl:with-param name="tei" select="$tei"/>
      <xsl:with-param name="first" select="empty($neighbours/@previous-stem)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The record of a document (common/parts.xsl), as the web shows it. -->
  <xsl:template name="tp:metadata-panel">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="rows" as="element(c:row)*">
      <xsl:call-template name="t:record-rows">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="record-notes" select="f:record-notes($tei)"/>
    <section class="metadata" aria-labelledby="metadata-heading">
      <h2 id="metadata-heading">{f:label('record-heading')}</h2>
      <dl>
        <xsl:for-each select="$rows">
          <div>
            <dt>{@label}</dt>
            <dd><xsl:sequence select="node()"/></dd>
          </div>
        </xsl:for-each>
      </dl>
      <xsl:if test="$record-notes">
        <h3>{f:label('record-notes')}</h3>
        <ul class="record-notes">
          <xsl:for-each select="$record-notes">
            <li class="note-{@type}"><xsl:apply-templates select="." mode="m:header-note"/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:call-template name="tp:revision-history">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Revision history                                          -->
  <!-- ======================================================= -->

  <!-- A document's revisionDesc in its record: each change as encoded, in the order
       encoded, with its date, who made it and what was done. A note of the revisionDesc
       is shown in the record's status row (common/parts.xsl), not here again. -->
  <xsl:template name="tp:revision-history">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="revisions" select="$tei/tei:teiHeader/tei:revisionDesc"/>
    <xsl:if test="$revisions">
      <h3 id="revision-heading">{f:label('revision-heading')}</h3>
      <xsl:variable name="changes" select="$revisions//tei:change"/>
      <xsl:choose>
        <xsl:when test="$changes">
          <ol class="revisions" aria-labelledby="revision-heading">
            <xsl:for-each select="$changes">
              <li><xsl:sequence select="f:label-nodes('revision-entry', (fp:change-date(.), fp:change-who(.), fp:change-what(.)))"/></li>
            </xsl:for-each>
          </ol>
        </xsl:when>
        <xsl:otherwise>
          <p class="revisions-none">{f:label('revision-none')}</p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- When a change was made, in the edition's style of dates. -->
  <xsl:function name="fp:change-date" as="element()">
    <xsl:param name="change" as="element(tei:change)"/>
    <xsl:choose>
      <xsl:when test="f:iso($change) != ''">
        <xsl:call-template name="t:time"><xsl:with-param name="date" select="$change"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><span>{f:label('revision-when-not-recorded')}</span></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Who made a change (@who): the names of the entries it points to, linked to their
       index entries. -->
  <xsl:function name="fp:change-who" as="element()">
    <xsl:param name="change" as="element(tei:change)"/>
    <span class="revision-who">
      <xsl:for-each select="tokenize($change/@who)">
        <xsl:variable name="entry" select="f:resolve(., $change)"/>
        <xsl:if test="position() > 1">, </xsl:if>
        <xsl:choose>
          <xsl:when test="exists(f:index-of($entry))">
            <a href="{f:entry-href($entry, 'html')}">{f:entry-name($entry)}</a>
          </xsl:when>
          <xsl:otherwise>{($entry ! f:entry-name(.), .)[1]}</xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:if test="normalize-space($change/@who) = ''">{f:label('revision-who-not-recorded')}</xsl:if>
    </span>
  </xsl:function>

  <!-- What a change did: its words, without the notes in it (the record shows those). -->
  <xsl:function name="fp:change-what" as="element()">
    <xsl:param name="change" as="element(tei:change)"/>
    <span class="revision-what"><xsl:apply-templates select="$change/(node() except tei:note)" mode="m:text"/></span>
  </xsl:function>

  <!-- The edition's changes page: its version (edition.toml) and the changes the
       documents' revisionDesc record, newest first, one entry for the same change made
       on the same day by the same hands to several documents. Nothing else: the edition
       has no version history but what is encoded. -->
  <xsl:template name="tp:changes-page">
    <xsl:variable name="changes" select="$v:documents-in-order/tei:teiHeader/tei:revisionDesc//tei:change"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page('changes')"/>
      <xsl:with-param name="title" select="f:label('nav-changes')"/>
      <xsl:with-param name="content">
        <h1>{f:label('nav-changes')}</h1>
        <p class="edition-version">{f:label('changes-version', ($v:edition/@version, f:format-iso($v:edition/@date)))}</p>
        <xsl:choose>
          <xsl:when test="$changes">
            <p>{f:label('changes-intro')}</p>
            <xsl:for-each-group select="$changes" group-by="string(@when)">
              <xsl:sort select="current-grouping-key()" order="descending"/>
              <section class="changes-day" aria-labelledby="changes-{position()}">
                <h2 id="changes-{position()}"><xsl:sequence select="fp:change-date(.)"/></h2>
                <ul class="changes">
                  <xsl:for-each-group select="current-group()" group-by="normalize-space(@who) || '&#10;' || normalize-space(string-join(node() except tei:note))">
                    <li>
                      <p><xsl:sequence select="fp:change-who(.)"/>: <xsl:sequence select="fp:change-what(.)"/></p>
                      <p class="changes-documents">{f:label('changes-documents')}<xsl:for-each select="current-group()/ancestor::tei:TEI">
                          <xsl:if test="position() > 1">; </xsl:if>
                          <a href="{f:stem(.)}.html">{if (f:number(.)) then f:label('changes-document', (f:document-label(.), f:short-title(.))) else f:short-title(.)}</a>
                        </xsl:for-each></p>
                    </li>
                  </xsl:for-each-group>
                </ul>
              </section>
            </xsl:for-each-group>
          </xsl:when>
          <xsl:otherwise>
            <p>{f:label('changes-none')}</p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tp:notes">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="notes" select="$tei/tei:text//tei:note"/>
    <xsl:if test="$notes">
      <section class="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">{f:label('notes')}</h2>
        <ol>
          <xsl:for-each select="$notes">
            <!-- In the order of their calls, which is not where a division of notes stands. -->
            <xsl:sort select="f:note-number(.)"/>
            <xsl:variable name="number" select="f:note-number(.)"/>
            <li id="note-{$number}" class="note-{@type}">
              <xsl:apply-templates select="." mode="m:note-body"/>
              <xsl:text> </xsl:text>
              <a class="back" href="#note-call-{$number}" aria-label="{f:label('back-to-note', $number)}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Citation                                                  -->
  <!-- ======================================================= -->

  <xsl:template name="tp:citation">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="stem" select="f:stem($tei)"/>
    <section class="cite" aria-labelledby="cite-heading">
      <h2 id="cite-heading">{f:label('cite-heading')}</h2>
      <h3>Chicago</h3>
      <h4>{f:label('citation-bibliography-heading')}</h4>
      <p class="citation-chicago"><xsl:sequence select="f:citation($tei)"/></p>
      <h4>{f:label('citation-note-heading')}</h4>
      <p class="citation-chicago-note"><xsl:sequence select="fp:citation-note($tei)"/></p>
      <h3>BibTeX</h3>
      <pre class="citation-bibtex"><code>{fp:bibtex($tei)}</code></pre>
      <p class="citation-downloads">{f:label('cite-download')}
        <a href="{$stem}.bib" download="" type="application/x-bibtex">BibTeX</a> ·
        <a href="{$stem}.ris" download="" type="application/x-research-info-systems">RIS</a> ·
        <a href="{$stem}.csl.json" download="" type="application/vnd.citationstyles.csl+json">CSL-JSON</a></p>
      <h3>{f:label('cite-edition')}</h3>
      <p class="citation-edition"><xsl:sequence select="f:citation(())"/></p>
      <p class="citation-downloads">{f:label('cite-download')}
        <a href="{$vp:edition-citation}.bib" download="" type="application/x-bibtex">BibTeX</a> ·
        <a href="{$vp:edition-citation}.ris" download="" type="application/x-research-info-systems">RIS</a> ·
        <a href="{$vp:edition-citation}.csl.json" download="" type="application/vnd.citationstyles.csl+json">CSL-JSON</a></p>
    </section>
  </xsl:template>

  <!-- The Chicago note (the first reference to a document) beside f:citation, which gives
       its bibliography entry: the same facts, as one sentence of clauses; "ed." stands for
       "edited by" whatever the number of editors. -->
  <xsl:function name="fp:citation-note" as="node()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="editors" select="fp:citation-names($v:edition/c:editor ! string(.))"/>
    <xsl:variable name="imprint" select="string-join(($v:edition/@publisher[. != ''] ! string(.), substring($v:edition/@date, 1, 4)[. != '']), ', ')"/>
    <xsl:variable name="url" select="$v:edition/@base-url[. != ''] ! (. || f:stem($tei) || '.html')"/>
    <xsl:text>{f:label('citation-title', fp:end-sentence(f:title($tei), ','))} {string-join((
        (f:sent-date($tei) ! f:format-date(.), f:label('citation-note-no-date'))[1],
        (f:number($tei)[. != ''] ! f:document-label($tei)), f:label('citation-in-note')), ', ')} </xsl:text>
    <cite>{$v:edition/@title}</cite>
    <xsl:text>{$editors ! (', ' || f:label('citation-note-editors', .))}{$imprint[. != ''] ! (' (' || . || ')')}, {
        f:label('citation-note-version', $v:edition/@version)}, </xsl:text>
    <xsl:choose>
      <xsl:when test="$url"><a href="{$url}">{$url}</a></xsl:when>
      <xsl:otherwise>{f:label('citation-note-no-address')}</xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="(fp:citation-original($tei, 'citation-note-original', 'citation-note-translated-by', ', ') ! ('; ' || .)) || '.'"/>
  </xsl:function>

  <!-- The name (without extension) of the edition's citation files. -->
  <xsl:variable name="vp:edition-citation" as="xs:string" select="'edition-citation'"/>

  <!-- The citation downloads of a document ({stem}.bib, .ris, .csl.json) and, with the
       first document ($first), those of the edition: written beside the pages
       (pages.py keys and reuses them with the document's page). -->
  <xsl:template name="tp:citation-files">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="first" as="xs:boolean"/>
    <xsl:variable name="stem" select="f:stem($tei)"/>
    <xsl:result-document href="{$stem}.bib" format="text">{fp:bibtex($tei)}&#10;</xsl:result-document>
    <xsl:result-document href="{$stem}.ris" format="text">{fp:ris($tei)}</xsl:result-document>
    <xsl:result-document href="{$stem}.csl.json" format="text">{xml-to-json(fp:csl($tei))}&#10;</xsl:result-document>
    <xsl:if test="$first">
      <xsl:result-document href="{$vp:edition-citation}.bib" format="text">{fp:bibtex(())}&#10;</xsl:result-document>
      <xsl:result-document href="{$vp:edition-citation}.ris" format="text">{fp:ris(())}</xsl:result-document>
      <xsl:result-document href="{$vp:edition-citation}.csl.json" format="text">{xml-to-json(fp:csl(()))}&#10;</xsl:result-document>
    </xsl:if>
  </xsl:template>

  <!-- The facts the machine-readable citations share: one element per field, in order. A
       document ($tei) is a section of the edition, the edition (no $tei) an edited book.
       The author of a document is its sender, when the editors are sure of it. Cached
       (cache="yes"), as fp:bibtex: the page and each citation file ask for them. -->
  <xsl:function name="fp:citation-fields" as="element(c:field)*" cache="yes">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:variable name="url" select="if ($v:edition/@base-url = '') then ()
        else $v:edition/@base-url || ($tei ! (f:stem(.) || '.html'))"/>
    <xsl:if test="$tei">
      <xsl:variable name="source" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
      <xsl:variable name="identifier" select="($source//tei:msIdentifier[tei:repository | tei:idno])[1]"/>
      <c:field name="title">{f:title($tei)}</c:field>
      <xsl:for-each select="f:parties($tei, 'sent')[not(@cert)]">
        <c:field name="author">{f:party-name(.)}</c:field>
      </xsl:for-each>
      <c:field name="container">{$v:edition/@title}</c:field>
      <c:field name="date">{f:iso(f:sent-date($tei))}</c:field>
      <c:field name="number">{f:number($tei)}</c:field>
      <c:field name="archive">{$identifier/tei:repository[not(@cert)] ! normalize-space(.)}</c:field>
      <c:field name="call-number">{$identifier/tei:idno[1] ! normalize-space(.)}</c:field>
    </xsl:if>
    <xsl:if test="empty($tei)">
      <c:field name="title">{$v:edition/@title}</c:field>
      <c:field name="date">{$v:edition/@date}</c:field>
    </xsl:if>
    <xsl:for-each select="$v:edition/c:editor">
      <c:field name="editor">{.}</c:field>
    </xsl:for-each>
    <c:field name="publisher">{$v:edition/@publisher}</c:field>
    <c:field name="year">{substring($v:edition/@date, 1, 4)}</c:field>
    <c:field name="version">{$v:edition/@version}</c:field>
    <c:field name="language">{$v:edition/@language}</c:field>
    <c:field name="url">{$url}</c:field>
  </xsl:function>

  <!-- A BibTeX entry (plain BibTeX fields only): a document with an author is an
       @incollection (author, title, booktitle, publisher, year), one without a @misc; the
       edition is a @book (editor, title, publisher, year). Every name is braced (a
       corporate body is not split into first and last names) and every capital protected. -->
  <xsl:function name="fp:bibtex" as="xs:string" cache="yes">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:variable name="fields" select="fp:citation-fields($tei)"/>
    <xsl:variable name="value" select="function ($name) { $fields[@name = $name][. != ''] ! string(.) }"/>
    <xsl:variable name="type" select="if (empty($tei)) then 'book' else if (exists($value('author'))) then 'incollection' else 'misc'"/>
    <xsl:variable name="editors" select="string-join($value('editor') ! ('{' || fp:bibtex-escape(.) || '}'), ' and ')"/>
    <xsl:variable name="authors" select="string-join($value('author') ! ('{' || fp:bibtex-escape(.) || '}'), ' and ')"/>
    <xsl:variable name="note" select="string-join((
        $tei ! (f:sent-date(.) ! (f:format-date(.) || '.'), f:label('citation-no-date'))[1],
        $value('number') ! f:label('citation-number', .),
        f:label('citation-version', $value('version')),
        if ($value('url')) then () else f:label('citation-no-address'),
        $tei ! fp:citation-original(.)), ' ')"/>
    <xsl:variable name="entries" as="xs:string*">
      <xsl:sequence select="('author = {' || $authors || '}')[$authors != '']"/>
      <xsl:sequence select="'title = {' || fp:bibtex-protect($value('title')) || '}'"/>
      <xsl:choose>
        <xsl:when test="$type = 'misc'">
          <xsl:sequence select="'howpublished = {' || f:label('citation-in') || ' \emph{' || fp:bibtex-protect($value('container'))
              || '}' || fp:citation-names($value('editor')) ! (', ' || f:label('citation-edited-by', fp:bibtex-escape(.))) || '}'"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$value('container') ! ('booktitle = {' || fp:bibtex-protect(.) || '}')"/>
          <xsl:sequence select="('editor = {' || $editors || '}')[$editors != '']"/>
          <xsl:sequence select="'publisher = {' || fp:bibtex-escape($value('publisher')) || '}'"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:sequence select="'year = {' || $value('year') || '}'"/>
      <xsl:sequence select="'note = {' || fp:bibtex-escape($note) || '}'"/>
      <xsl:sequence select="$value('url') ! ('url = {' || . || '}')"/>
    </xsl:variable>
    <xsl:sequence select="'@' || $type || '{' || $v:edition/@id || ($tei ! (':' || f:stem(.))) || ',&#10;'
        || string-join($entries ! ('  ' || .), ',&#10;') || '&#10;}'"/>
  </xsl:function>

  <!-- BibTeX's special characters escaped; an en dash as BibTeX writes it. -->
  <xsl:function name="fp:bibtex-escape" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="replace(replace(replace(string($text), '([{}\\])', '\\$1'), '([&amp;%$#_])', '\\$1'), '–', '--')"/>
  </xsl:function>

  <!-- A title whose capitals a style must keep ("{Soviet}", "{CMEA}"): each word with a
       capital is braced, since a style may set the title in lower case. -->
  <xsl:function name="fp:bibtex-protect" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="replace(fp:bibtex-escape($text), '([\p{L}\p{N}]*\p{Lu}[\p{L}\p{N}]*)', '{$1}')"/>
  </xsl:function>

  <!-- An RIS record: a document is a book section (CHAP), the edition an edited book
       (EDBOOK); lines "TAG  - value", CR LF, ending with ER. -->
  <xsl:function name="fp:ris" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:variable name="fields" select="fp:citation-fields($tei)"/>
    <xsl:variable name="value" select="function ($name) { $fields[@name = $name][. != ''] ! string(.) }"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:sequence select="'TY  - ' || (if ($tei) then 'CHAP' else 'EDBOOK')"/>
      <xsl:sequence select="$value('title') ! ('TI  - ' || .)"/>
      <xsl:sequence select="$value('author') ! ('AU  - ' || .)"/>
      <!-- The RIS tag of an editor: A2 in a book section, AU in an edited book. -->
      <xsl:sequence select="$value('editor') ! ((if ($tei) then 'A2' else 'AU') || '  - ' || .)"/>
      <xsl:sequence select="$value('container') ! ('T2  - ' || .)"/>
      <xsl:sequence select="$value('date') ! tokenize(., '-') => (function ($parts) { $parts[1] ! ('DA  - ' || string-join(($parts, ('', '')[position() le 3 - count($parts)]), '/') || '/') })()"/>
      <xsl:sequence select="$value('date') ! ('PY  - ' || substring(., 1, 4))"/>
      <xsl:sequence select="$value('publisher') ! ('PB  - ' || .)"/>
      <xsl:sequence select="$value('version') ! ('ET  - ' || .)"/>
      <xsl:sequence select="$value('number') ! ('SE  - ' || .)"/>
      <xsl:sequence select="$value('language') ! ('LA  - ' || .)"/>
      <xsl:sequence select="$value('url') ! ('UR  - ' || .)"/>
      <xsl:sequence select="(if ($value('url')) then () else f:label('citation-no-address'), $tei ! fp:citation-original(.)) ! ('N1  - ' || .)"/>
      <xsl:sequence select="'ER  - '"/>
    </xsl:variable>
    <xsl:sequence select="string-join($lines ! (. || '&#13;&#10;'))"/>
  </xsl:function>

  <!-- A CSL-JSON item list (the CSL data schema, csl-data.json): a document is a
       "chapter" of the edition, the edition a "book". -->
  <xsl:function name="fp:csl" as="element(j:array)">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:variable name="fields" select="fp:citation-fields($tei)"/>
    <xsl:variable name="value" select="function ($name) { $fields[@name = $name][. != ''] ! string(.) }"/>
    <j:array>
      <j:map>
        <j:string key="id">{$v:edition/@id}{$tei ! (':' || f:stem(.))}</j:string>
        <j:string key="type">{if ($tei) then 'chapter' else 'book'}</j:string>
        <xsl:for-each select="('title', 'publisher', 'version', 'language', 'number', 'archive')[exists($value(.))]">
          <j:string key="{.}">{$value(.)}</j:string>
        </xsl:for-each>
        <xsl:for-each select="$value('container')">
          <j:string key="container-title">{.}</j:string>
        </xsl:for-each>
        <xsl:for-each select="$value('call-number')">
          <j:string key="archive_location">{.}</j:string>
        </xsl:for-each>
        <xsl:for-each select="$value('url')">
          <j:string key="URL">{.}</j:string>
        </xsl:for-each>
        <xsl:for-each select="'author', 'editor'">
          <xsl:variable name="names" select="$value(.)"/>
          <xsl:if test="exists($names)">
            <!-- A literal name: a corporate body is not split into family and given. -->
            <j:array key="{.}">
              <xsl:for-each select="$names"><j:map><j:string key="literal">{.}</j:string></j:map></xsl:for-each>
            </j:array>
          </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="$value('date')">
          <j:map key="issued">
            <j:array key="date-parts">
              <j:array><xsl:for-each select="tokenize(., '-')"><j:number>{xs:integer(.)}</j:number></xsl:for-each></j:array>
            </j:array>
          </j:map>
        </xsl:for-each>
        <xsl:variable name="note" select="string-join((if ($value('url')) then () else f:label('citation-no-address'), $tei ! fp:citation-original(.)), ' ')"/>
        <xsl:if test="$note != ''">
          <j:string key="note">{$note}</j:string>
        </xsl:if>
      </j:map>
    </j:array>
  </xsl:function>

  <!-- The address of the archive page a document's summary is made from, if known. -->
  <xsl:function name="fp:archive-page" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="($tei/tei:teiHeader//tei:sourceDesc/tei:bibl/tei:ref/@target[f:is-external(.)])[1] ! string(.)"/>
  </xsl:function>

  <!-- schema.org JSON-LD of a document page: the page in the edition's language, based on
       the archive page and on the original (in the original's language, held by its
       repository), part of the edition, published by the edition's publisher. -->
  <xsl:function name="fp:json-ld-document" as="element(j:map)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="url" select="$v:edition/@base-url[. != ''] ! (. || f:stem($tei) || '.html')"/>
    <xsl:variable name="source" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="archive-page" select="$source/tei:bibl[tei:ref/@target = fp:archive-page($tei)][1]"/>
    <xsl:variable name="repository" select="($source//tei:msIdentifier/tei:repository)[1]"/>
    <xsl:variable name="original-languages" select="$tei/tei:teiHeader//tei:langUsage/tei:language/@ident[. != $tei/@xml:lang]"/>
    <j:map>
      <j:string key="@context">https://schema.org</j:string>
      <j:string key="@type">CreativeWork</j:string>
      <xsl:for-each select="$url">
        <j:string key="@id">{.}</j:string>
        <j:string key="url">{.}</j:string>
      </xsl:for-each>
      <j:string key="name">{f:title($tei)}</j:string>
      <xsl:if test="f:number($tei) != ''">
        <j:number key="position">{f:number($tei)}</j:number>
      </xsl:if>
      <xsl:if test="f:iso(f:sent-date($tei)) != ''">
        <j:string key="dateCreated">{f:iso(f:sent-date($tei))}</j:string>
      </xsl:if>
      <xsl:if test="normalize-space($tei/tei:text/@type) != ''">
        <j:string key="genre">{f:type-label($tei/tei:text/@type)}</j:string>
      </xsl:if>
      <xsl:if test="f:status($tei) != ''">
        <j:string key="creativeWorkStatus">{f:status-label(f:status($tei))}</j:string>
      </xsl:if>
      <j:string key="inLanguage">{$v:edition/@language}</j:string>
      <j:array key="isBasedOn">
        <xsl:for-each select="$archive-page">
          <j:map>
            <j:string key="@type">WebPage</j:string>
            <j:string key="@id">{fp:archive-page($tei)}</j:string>
            <j:string key="url">{fp:archive-page($tei)}</j:string>
            <xsl:for-each select="tei:title[1]"><j:string key="name">{normalize-space(.)}</j:string></xsl:for-each>
            <xsl:for-each select="tei:publisher[1]">
              <j:map key="publisher"><j:string key="@type">Organization</j:string><j:string key="name">{normalize-space(.)}</j:string></j:map>
            </xsl:for-each>
          </j:map>
        </xsl:for-each>
        <j:map>
          <j:string key="@type">ArchiveComponent</j:string>
          <j:string key="name">{f:title($tei)}</j:string>
          <xsl:if test="$original-languages">
            <j:array key="inLanguage">
              <xsl:for-each select="$original-languages"><j:string>{.}</j:string></xsl:for-each>
            </j:array>
          </xsl:if>
          <xsl:for-each select="$repository[not(@cert)][normalize-space(.) != '']">
            <j:map key="holdingArchive"><j:string key="@type">ArchiveOrganization</j:string><j:string key="name">{normalize-space(.)}</j:string></j:map>
          </xsl:for-each>
        </j:map>
      </j:array>
      <j:array key="editor">
        <xsl:for-each select="$v:edition/c:editor">
          <j:map><j:string key="@type">Organization</j:string><j:string key="name">{.}</j:string></j:map>
        </xsl:for-each>
      </j:array>
      <j:map key="publisher">
        <j:string key="@type">Organization</j:string>
        <j:string key="name">{$v:edition/@publisher}</j:string>
      </j:map>
      <j:string key="license">{$v:edition/@licence-url}</j:string>
      <j:string key="version">{$v:edition/@version}</j:string>
      <j:string key="dateModified">{$v:edition/@build-date}</j:string>
      <j:map key="isPartOf">
        <j:string key="@type">Collection</j:string>
        <xsl:for-each select="$v:edition/@base-url[. != '']">
          <j:string key="@id">{.}</j:string>
          <j:string key="url">{.}</j:string>
        </xsl:for-each>
        <j:string key="name">{$v:edition/@title}</j:string>
      </j:map>
    </j:map>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Front matter: introduction, principles, abbreviations     -->
  <!-- ======================================================= -->

  <xsl:template name="tp:front-page">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="title" select="f:title($tei)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:stem($tei) || '.html'"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="content">
        <article class="front">
          <h1>{$title}</h1>
          <xsl:apply-templates select="$tei/tei:text/tei:body" mode="m:text">
            <xsl:with-param name="heading-level" select="2" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="tp:notes">
            <xsl:with-param name="tei" select="$tei"/>
          </xsl:call-template>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Indices of persons, places, organisations and events      -->
  <!-- ======================================================= -->

  <!-- An index: its entries in the order of f:index-sort-key (that of the printed
       index), grouped by initial (by year for events) with jump links when the list is
       long, each linked to its own page (f:entry-href) with the number of texts naming
       it; an entry of a document's own register, which has no page, lists its mentions
       here. A filter box (assets/index-filter.js) narrows the list; without JavaScript
       the list is whole and the box is not shown. -->
  <xsl:template name="tp:index-page">
    <xsl:param name="index" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page($index)"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="description" select="f:label('index-description', (f:label('index-name-' || $index), $v:edition/@title))"/>
      <xsl:with-param name="scripts" select="'assets/index-filter.js'"/>
      <xsl:with-param name="content">
        <h1>{$title}</h1>
        <p>{f:label('index-entry-count', count($entries))}</p>
        <div class="index-filter" hidden="">
          <label for="index-filter-input">{f:label('index-filter')}</label>
          <input type="search" id="index-filter-input" data-shown="{f:label('index-filter-shown')}"/>
          <p class="index-filter-status" role="status" aria-live="polite"></p>
        </div>
        <xsl:variable name="sorted" as="element()*">
          <xsl:perform-sort select="$entries">
            <xsl:sort select="f:index-sort-key(.)"/>
          </xsl:perform-sort>
        </xsl:variable>
        <xsl:variable name="jump" select="count($sorted) gt 20 and count(distinct-values($sorted ! fp:index-initial(.))) gt 1"/>
        <xsl:if test="$jump">
          <nav class="index-jump" aria-label="{f:label('index-jump')}">
            <ul>
              <xsl:for-each-group select="$sorted" group-adjacent="fp:index-initial(.)">
                <li><a href="#initial-{position()}">{current-grouping-key()}</a></li>
              </xsl:for-each-group>
            </ul>
          </nav>
        </xsl:if>
        <xsl:for-each-group select="$sorted" group-adjacent="fp:index-initial(.)">
          <xsl:variable name="list" as="element()">
            <ul class="index-entries">
              <xsl:for-each select="current-group()">
                <xsl:call-template name="tp:index-line">
                  <xsl:with-param name="entry" select="."/>
                </xsl:call-template>
              </xsl:for-each>
            </ul>
          </xsl:variable>
          <xsl:choose>
            <xsl:when test="$jump">
              <section class="index-group" aria-labelledby="initial-{position()}">
                <h2 id="initial-{position()}">{current-grouping-key()}</h2>
                <xsl:sequence select="$list"/>
              </section>
            </xsl:when>
            <xsl:otherwise><xsl:sequence select="$list"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The heading an entry is grouped under: the initial of its sort key, an event's
       year. -->
  <xsl:function name="fp:index-initial" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="key" select="f:index-sort-key($entry)"/>
    <xsl:sequence select="if ($entry/self::tei:event) then (substring($key, 1, 4)[. != ''], '?')[1]
        else (upper-case(substring(normalize-unicode($key, 'NFD'), 1, 1))[. != ''], '?')[1]"/>
  </xsl:function>

  <!-- One line of an index: the name, linked to the entry's page, its particulars and the
       number of texts that name it; the names the filter box matches, in data-names. -->
  <xsl:template name="tp:index-line">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="anchor" select="f:entry-anchor($entry)"/>
    <xsl:variable name="id" select="string($entry/@xml:id)"/>
    <xsl:variable name="own" select="$entry/ancestor::c:record"/>
    <xsl:variable name="texts" select="if ($own) then $own else ($records ! (key('fp:record-mentions', $id, .)
        | key('fp:record-header-mentions', $id, .)), $v:front/tei:TEI[exists(key('fp:mentions', $id, root(.)))])"/>
    <xsl:variable name="particulars" select="f:entry-particulars-nodes($entry)"/>
    <li id="{$anchor}" data-names="{lower-case(string-join(distinct-values(($entry/(tei:persName | tei:placeName | tei:orgName | tei:label | tei:title), $entry/@sortKey) ! normalize-space(.)), ' | '))}">
      <xsl:choose>
        <xsl:when test="exists(f:entity-page($id)) and $v:entity-entries($id) is $entry">
          <a class="index-name" href="{f:entity-page($id)}">{f:entry-name($entry)}</a>
        </xsl:when>
        <xsl:otherwise><span class="index-name">{f:entry-name($entry)}</span></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="exists($particulars)">
        <xsl:text>, </xsl:text>
        <span class="index-particulars"><xsl:sequence select="$particulars"/></span>
      </xsl:if>
      <xsl:text> </xsl:text>
      <span class="index-count">({f:label(if (count($texts) = 0) then 'index-texts-none' else if (count($texts) = 1) then 'index-texts-one' else 'index-texts', count($texts))})</span>
      <xsl:if test="$own">
        <xsl:call-template name="tp:mentions">
          <xsl:with-param name="entry" select="$entry"/>
        </xsl:call-template>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="*" mode="mp:entry-details">
    <xsl:variable name="main" select="f:entry-name(.)"/>
    <xsl:variable name="names" select="(tei:persName | tei:placeName | tei:orgName)[normalize-space(.) != $main]"/>
    <dl class="entry-details">
      <xsl:if test="$names">
        <div>
          <dt>{f:label('entry-other-names')}</dt>
          <dd>
            <xsl:for-each select="$names">
              <xsl:if test="position() > 1">; </xsl:if>
              <span>
                <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
                {normalize-space(.)}
              </span>
              <xsl:if test="@type or @xml:lang">
                <xsl:text> (</xsl:text>
                <xsl:value-of select="string-join((@type ! replace(., '-', ' '), @xml:lang ! fp:language-name(.)), ', ')"/>
                <xsl:text>)</xsl:text>
              </xsl:if>
            </xsl:for-each>
          </dd>
        </div>
      </xsl:if>
      <xsl:if test="tei:birth or tei:death">
        <div>
          <dt>{f:label('entry-life-dates')}</dt>
          <dd>{(f:iso(tei:birth)[. != ''], '?')[1]}–{(f:iso(tei:death)[. != ''], '?')[1]}</dd>
        </div>
      </xsl:if>
      <xsl:if test="tei:occupation">
        <div>
          <dt>{f:label('entry-role')}</dt>
          <dd>
            <xsl:for-each select="tei:occupation">
              <xsl:if test="position() > 1">; </xsl:if>
              <xsl:sequence select="f:text-in-language(.)"/>
            </xsl:for-each>
          </dd>
        </div>
      </xsl:if>
      <xsl:if test="self::tei:event">
        <div>
          <dt>{f:label('entry-date')}</dt>
          <dd>{f:format-date(.)}</dd>
        </div>
      </xsl:if>
      <xsl:if test="tei:country">
        <div>
          <dt>{f:label('entry-country')}</dt>
          <dd><xsl:sequence select="tei:country ! f:text-in-language(.)"/></dd>
        </div>
      </xsl:if>
      <xsl:for-each select="tei:location/tei:geo">
        <xsl:variable name="lat-long" select="tokenize(normalize-space(.))"/>
        <div>
          <dt>{f:label('entry-coordinates')}</dt>
          <dd>{f:label('entry-coordinates-value', ($lat-long[1], $lat-long[2]))} · <a href="https://www.openstreetmap.org/?mlat={$lat-long[1]}&amp;mlon={$lat-long[2]}#map=10/{$lat-long[1]}/{$lat-long[2]}">OpenStreetMap</a></dd>
        </div>
      </xsl:for-each>
      <xsl:if test="@cert">
        <div>
          <dt>{f:label('entry-certainty')}</dt>
          <dd>{(f:certainty(.), string(@cert))[1]}</dd>
        </div>
      </xsl:if>
    </dl>
    <xsl:for-each select="tei:note">
      <p class="entry-note note-{@type}"><xsl:apply-templates select="." mode="m:note-body"/></p>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="fp:language-name" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <!-- A code of language, script and more ("zh-Latn-wadegile") is named by its language
         and script when the table has no label for the whole. -->
    <xsl:sequence select="(f:value-label('language', $code),
        f:value-label('language', replace($code, '^([a-z]{2,3}-[A-Z][a-z]{3})-.+$', '$1')[. != $code]), $code)[1]"/>
  </xsl:function>

  <!-- Every document and paragraph that mentions an entry, in date order, from the
       documents' records; then the front matter, read in full. An entry of a document's
       own register is the document's alone: its place of mention is that document. -->
  <xsl:template name="tp:mentions">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="id" select="string($entry/@xml:id)"/>
    <xsl:variable name="own" select="$entry/ancestor::c:record"/>
    <xsl:variable name="documents" select="if ($own) then $own else $records ! (key('fp:record-mentions', $id, .)
        | key('fp:record-header-mentions', $id, .))[@kind = 'document']"/>
    <xsl:variable name="front" select="if ($own) then () else $v:front/tei:TEI[exists(key('fp:mentions', $id, root(.)))]"/>
    <xsl:choose>
      <xsl:when test="$documents or $front">
        <p class="mentions-heading">{f:label('mentions-heading')}</p>
        <ul class="mentions">
          <xsl:for-each select="$documents">
            <xsl:call-template name="tp:mention">
              <xsl:with-param name="tei" select="tei:TEI"/>
              <xsl:with-param name="href" select="@stem || '.html'"/>
              <xsl:with-param name="title" select="string(@short-title)"/>
              <xsl:with-param name="date" select="string(@date-label)"/>
              <xsl:with-param name="dated" select="not(tei:TEI/tei:text/@type = 'front-matter')"/>
              <xsl:with-param name="in-record" select="tokenize(c:header-mentions) = $id"/>
              <xsl:with-param name="paragraphs" select="tokenize(c:mention[@id = $id]/@paragraphs)
                  ! xs:integer(substring-after(., 'p'))"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:for-each select="$front">
            <xsl:call-template name="tp:mention">
              <xsl:with-param name="tei" select="."/>
              <xsl:with-param name="href" select="f:stem(.) || '.html'"/>
              <xsl:with-param name="title" select="f:short-title(.)"/>
              <xsl:with-param name="date" select="f:format-date(f:sent-date(.))"/>
              <xsl:with-param name="dated" select="tei:text/@type != 'front-matter'"/>
              <xsl:with-param name="paragraphs" select="distinct-values(key('fp:mentions', $id, root(.))
                  /ancestor::*[self::tei:p or self::tei:ab or self::tei:item or self::tei:head][1]
                  [self::tei:p or self::tei:ab] ! f:paragraph-of(.) ! f:paragraph-number(.))"/>
            </xsl:call-template>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="mentions-none">{f:label('index-not-mentioned')}</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One text that mentions an entry, cited as a reader cites it: by the document's
       number and the paragraphs' ("no. 6, ¶ 2, ¶ 4", each a link), then its title and
       date; a text without a number by its title. The paragraphs' numbers are those of
       the margin of its page (f:paragraph-number), in order. -->
  <xsl:template name="tp:mention">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="date" as="xs:string"/>
    <!-- Whether the date is shown (not for the front matter). -->
    <xsl:param name="dated" as="xs:boolean"/>
    <xsl:param name="in-record" as="xs:boolean" select="false()"/>
    <xsl:param name="paragraphs" as="xs:integer*"/>
    <xsl:variable name="number" select="f:number($tei)"/>
    <li>
      <xsl:choose>
        <xsl:when test="$number != ''">
          <a href="{$href}">{f:document-label($tei)}</a>
        </xsl:when>
        <xsl:otherwise>
          <a href="{$href}">{$title}</a>
          <xsl:if test="$dated"> ({$date})</xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="$paragraphs">
        <xsl:text>{if ($number != '') then ', ' else ' · '}</xsl:text>
        <a href="{$href}#p{.}" aria-label="{f:label('paragraph-citation', (f:document-label($tei), .))}">{f:label('paragraph-number', .)}</a>
      </xsl:for-each>
      <xsl:if test="$in-record"> · {f:label('mentions-in-record')}</xsl:if>
      <xsl:if test="$number != ''">
        <span class="mention-title"> · {$title}<xsl:if test="$dated"> ({$date})</xsl:if></span>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Bibliography                                              -->
  <!-- ======================================================= -->

  <!-- The corpus's own groups of works (its listBibl: published works, the archive, its
       related documents), so that archival and published sources stay apart as in the
       book; each group headed by its head, else by the kind of its works, and sorted by
       author's surname, else title (f:bibl-sort-key). -->
  <xsl:template name="tp:bibliography-page">
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page('bibliography')"/>
      <xsl:with-param name="title" select="f:label('nav-bibliography')"/>
      <xsl:with-param name="content">
        <h1>{f:label('nav-bibliography')}</h1>
        <xsl:for-each select="$v:authority//tei:listBibl[tei:bibl]">
          <section aria-labelledby="bibliography-{position()}">
            <h2 id="bibliography-{position()}">{(tei:head[1] ! normalize-space(.), fp:bibliography-group((tei:bibl/@type, 'other')[1]))[1]}</h2>
            <ul class="bibliography">
              <xsl:for-each select="tei:bibl">
                <xsl:sort select="f:bibl-sort-key(.)"/>
                <li id="{@xml:id}"><xsl:apply-templates select="." mode="m:bibl"/></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="fp:bibliography-group" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="(f:value-label('bibliography', $type), f:label('bibliography-other'))[1]"/>
  </xsl:function>

  <!-- The home page's downloads of the whole edition: those the site holds, as the
       manifest lists them (c:download, cables.copies.site_downloads), each in words. -->
  <xsl:template name="tp:downloads">
    <xsl:variable name="downloads" select="$manifest/c:manifest/c:download"/>
    <xsl:if test="$downloads">
      <section class="downloads" aria-labelledby="edition-downloads-heading">
        <h2 id="edition-downloads-heading">{f:label('downloads-heading')}</h2>
        <ul>
          <xsl:for-each select="$downloads">
            <li><a href="{@href}">{f:label('download-' || @kind)}</a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
