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
            <xsl:apply-templates select="($introduction//tei:body//tei:p)[1]" mode="m:text"/>
            <p><a href="introduction.html">{f:label('home-read-introduction')}</a></p>
          </div>
        </xsl:if>
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">{f:label('the-documents')}</h2>
          <!-- The columns the corpus has data for; Document always. -->
          <xsl:variable name="columns" select="('date', 'parties', 'status')[. = $v:corpus-holds]"/>
          <table class="documents">
            <caption>{f:label('home-documents-caption', count($v:documents-in-order))}</caption>
            <thead>
              <tr>
                <xsl:if test="$columns = 'date'"><th scope="col">{f:label('column-date')}</th></xsl:if>
                <th scope="col">{f:label('column-document')}</th>
                <xsl:if test="$columns = 'parties'"><th scope="col">{f:label('column-parties')}</th></xsl:if>
                <xsl:if test="$columns = 'status'"><th scope="col">{f:label('column-status')}</th></xsl:if>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$v:documents-in-order">
                <tr>
                  <xsl:if test="$columns = 'date'">
                    <td><xsl:call-template name="t:time"><xsl:with-param name="date" select="f:sent-date(.)"/></xsl:call-template></td>
                  </xsl:if>
                  <td><a href="{f:stem(.)}.html">{f:title(.)}</a></td>
                  <xsl:if test="$columns = 'parties'">
                    <td>{fp:from-to(.)}</td>
                  </xsl:if>
                  <!-- A document without a status says so in words, not with a badge. -->
                  <xsl:if test="$columns = 'status'">
                    <td>
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

  <!-- "A → B"; a document of a corpus with parties that names neither says so once. -->
  <xsl:function name="fp:from-to" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if (empty((f:parties($tei, 'sent'), f:parties($tei, 'received')))) then f:label('not-recorded-inline')
        else f:party($tei, 'sent') || ' → ' || f:party($tei, 'received')"/>
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
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="$stem || '.html'"/>
      <xsl:with-param name="title" select="string-join((f:short-title($tei), $date ! f:format-date(.)), ', ')"/>
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
            <h1>{$title}</h1>
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
                <li class="previous"><a href="{@previous-stem}.html" rel="prev">{f:label('previous', (@previous-title, @previous-date))}</a></li>
              </xsl:for-each>
              <xsl:for-each select="$neighbours[@next-stem]">
                <li class="next"><a href="{@next-stem}.html" rel="next">{f:label('next', (@next-title, @next-date))}</a></li>
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
            <li class="note-{@type}"><xsl:apply-templates select="." mode="m:note-body"/></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </section>
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
          <dd>{string-join(tei:occupation ! normalize-space(.), '; ')}</dd>
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
          <dd>{normalize-space(tei:country)}</dd>
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
            <li>
              <a href="{@stem}.html">{@short-title}</a>
              <xsl:if test="not(tei:TEI/tei:text/@type = 'front-matter')"> ({@date-label})</xsl:if>
              <xsl:if test="tokenize(c:header-mentions) = $id"> · {f:label('mentions-in-record')}</xsl:if>
              <xsl:variable name="stem" select="@stem"/>
              <xsl:for-each select="tokenize(c:mention[@id = $id]/@paragraphs)">
                <xsl:text> · </xsl:text>
                <a href="{$stem}.html#{.}">¶ {substring-after(., 'p')}</a>
              </xsl:for-each>
            </li>
          </xsl:for-each>
          <xsl:for-each select="$front">
            <xsl:variable name="paragraphs" select="key('fp:mentions', $id, root(.))
                /ancestor::*[self::tei:p or self::tei:ab or self::tei:item or self::tei:head][1]"/>
            <li>
              <a href="{f:stem(.)}.html">{f:short-title(.)}</a>
              <xsl:if test="tei:text/@type != 'front-matter'"> ({f:format-date(f:sent-date(.))})</xsl:if>
              <xsl:for-each select="$paragraphs[self::tei:p or self::tei:ab]">
                <xsl:text> · </xsl:text>
                <a href="{f:stem(f:document-of(.))}.html#{f:paragraph-id(.)}">¶ {substring-after(f:paragraph-id(.), 'p')}</a>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="mentions-none">{f:label('index-not-mentioned')}</p>
      </xsl:otherwise>
    </xsl:choose>
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
