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
        <meta name="DC.source" content="{($tei//tei:sourceDesc/tei:bibl/tei:ref/@target[f:is-external(.)])[1]}"/>
        <meta name="DC.subject" content="{string-join($tei//tei:keywords/tei:term ! normalize-space(.), '; ')}"/>
        <meta name="citation_title" content="{$title}"/>
        <xsl:for-each select="$v:edition/c:editor">
          <meta name="citation_editor" content="{.}"/>
        </xsl:for-each>
        <xsl:if test="f:iso($date) != ''">
          <meta name="citation_date" content="{replace(f:iso($date), '-', '/')}"/>
        </xsl:if>
        <meta name="citation_online_date" content="{replace($v:edition/@date, '-', '/')}"/>
        <meta name="citation_publisher" content="{$v:edition/@publisher}"/>
        <meta name="citation_collection_title" content="{$v:edition/@title}"/>
        <meta name="citation_language" content="{$v:edition/@language}"/>
        <xsl:if test="$v:edition/@base-url != ''">
          <meta name="citation_public_url" content="{$v:edition/@base-url}{$stem}.html"/>
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
              <li><a href="{$neighbours/@source}" download="">{f:label('download-tei')}</a></li>
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
            <a href="{f:site-page(f:index-of($entry))}#{f:entry-anchor($entry)}">{f:entry-name($entry)}</a>
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
    <xsl:variable name="url" select="if ($v:edition/@base-url != '') then $v:edition/@base-url || f:stem($tei) || '.html' else ()"/>
    <section class="cite" aria-labelledby="cite-heading">
      <h2 id="cite-heading">{f:label('cite-heading')}</h2>
      <h3>Chicago</h3>
      <p class="citation-chicago"><xsl:sequence select="f:citation($tei)"/></p>
      <h3>BibTeX</h3>
      <pre class="citation-bibtex"><code>{fp:bibtex($tei, $url)}</code></pre>
    </section>
  </xsl:template>

  <xsl:function name="fp:bibtex" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="fields" as="xs:string*">
      <xsl:sequence select="'  title = {' || fp:bibtex-escape(f:title($tei)) || '}'"/>
      <xsl:sequence select="'  editor = {' || string-join($v:edition/c:editor ! ('{' || fp:bibtex-escape(.) || '}'), ' and ') || '}'"/>
      <xsl:sequence select="(f:iso(f:sent-date($tei))[. != '']) ! ('  date = {' || . || '}')"/>
      <xsl:sequence select="'  booktitle = {' || fp:bibtex-escape($v:edition/@title) || '}'"/>
      <xsl:sequence select="'  publisher = {' || fp:bibtex-escape($v:edition/@publisher) || '}'"/>
      <xsl:sequence select="'  version = {' || $v:edition/@version || '}'"/>
      <xsl:sequence select="'  year = {' || substring($v:edition/@date, 1, 4) || '}'"/>
      <xsl:if test="$url">
        <xsl:sequence select="'  url = {' || $url || '}'"/>
      </xsl:if>
      <xsl:if test="empty($url)">
        <xsl:sequence select="'  note = {' || fp:bibtex-escape(f:label('bibtex-no-url')) || '}'"/>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="'@incollection{' || $v:edition/@id || ':' || f:stem($tei) || ',&#10;'
        || string-join($fields, ',&#10;') || '&#10;}'"/>
  </xsl:function>

  <xsl:function name="fp:bibtex-escape" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace(replace($text, '([{}\\])', '\\$1'), '([&amp;%$#_])', '\\$1')"/>
  </xsl:function>

  <xsl:function name="fp:json-ld-document" as="element(j:map)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <j:map>
      <j:string key="@context">https://schema.org</j:string>
      <j:string key="@type">CreativeWork</j:string>
      <j:string key="name">{f:title($tei)}</j:string>
      <xsl:if test="f:iso(f:sent-date($tei)) != ''">
        <j:string key="dateCreated">{f:iso(f:sent-date($tei))}</j:string>
      </xsl:if>
      <xsl:if test="normalize-space($tei/tei:text/@type) != ''">
        <j:string key="genre">{f:type-label($tei/tei:text/@type)}</j:string>
      </xsl:if>
      <xsl:if test="f:status($tei) != ''">
        <j:string key="creativeWorkStatus">{f:status-label(f:status($tei))}</j:string>
      </xsl:if>
      <j:array key="inLanguage">
        <xsl:for-each select="$tei//tei:langUsage/tei:language">
          <j:string>{@ident}</j:string>
        </xsl:for-each>
      </j:array>
      <j:array key="editor">
        <xsl:for-each select="$v:edition/c:editor">
          <j:map><j:string key="@type">Organization</j:string><j:string key="name">{.}</j:string></j:map>
        </xsl:for-each>
      </j:array>
      <j:string key="license">{$v:edition/@licence-url}</j:string>
      <j:string key="version">{$v:edition/@version}</j:string>
      <j:string key="dateModified">{$v:edition/@build-date}</j:string>
      <xsl:if test="$v:edition/@base-url != ''">
        <j:string key="url">{$v:edition/@base-url}{f:stem($tei)}.html</j:string>
      </xsl:if>
      <j:map key="isPartOf">
        <j:string key="@type">Collection</j:string>
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

  <xsl:template name="tp:index-page">
    <xsl:param name="index" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="entries" as="element()*"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page($index)"/>
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="description" select="f:label('index-description', (f:label('index-name-' || $index), $v:edition/@title))"/>
      <xsl:with-param name="content">
        <h1>{$title}</h1>
        <p>{f:label('index-entry-count', count($entries))}</p>
        <xsl:variable name="sorted" as="element()*">
          <xsl:perform-sort select="$entries">
            <xsl:sort select="f:index-sort-key(.)"/>
          </xsl:perform-sort>
        </xsl:variable>
        <xsl:for-each select="$sorted">
          <xsl:variable name="anchor" select="f:entry-anchor(.)"/>
          <article class="entry" id="{$anchor}" aria-labelledby="{$anchor}-name">
            <h2 id="{$anchor}-name">{f:entry-name(.)}</h2>
            <xsl:apply-templates select="." mode="mp:entry-details"/>
            <xsl:call-template name="tp:mentions">
              <xsl:with-param name="entry" select="."/>
            </xsl:call-template>
          </article>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
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
        <h3 class="mentions-heading">{f:label('mentions-heading')}</h3>
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

  <xsl:template name="tp:bibliography-page">
    <xsl:variable name="bibls" select="$v:authority//tei:listBibl/tei:bibl"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page('bibliography')"/>
      <xsl:with-param name="title" select="f:label('nav-bibliography')"/>
      <xsl:with-param name="content">
        <h1>{f:label('nav-bibliography')}</h1>
        <xsl:for-each-group select="$bibls" group-by="(@type, 'other')[1]">
          <xsl:sort select="fp:value-position('bibliography', current-grouping-key())"/>
          <section aria-labelledby="bibliography-{current-grouping-key()}">
            <h2 id="bibliography-{current-grouping-key()}">{fp:bibliography-group(current-grouping-key())}</h2>
            <ul class="bibliography">
              <xsl:for-each select="current-group()">
                <li id="{@xml:id}"><xsl:apply-templates select="." mode="m:bibl"/></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:for-each-group>
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
