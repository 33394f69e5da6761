<?xml version="1.0" encoding="UTF-8"?>
<!--
  entity.xsl: the page of each person, place, organisation and event of the authority
  files (common/pages.xml, @each="entry"; its address f:entity-page). Included by
  site.xsl; cables runs the template "entity-pages" with $entities (cables.entities).

  A page shows the entry as the authority file has it (names in their scripts, dates,
  roles, the editors' description and notes, identifiers) and, from the records of the
  texts that name it, each mention in context, the documents it sent or received, and
  the entries named with it. It is made from what $entities holds, never from the
  documents, so that one edit remakes only the pages whose content changed.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:mp="urn:cables:modes:private"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:c="urn:cables:manifest"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- For "entity-pages": c:entity-pages, the entries whose pages to write (c:entity/@id)
       and every text that names one of them, in reading order (c:text: its facts, and
       the c:contexts of its record: each mention in context, its correspondence roles). -->
  <xsl:param name="entities" as="document-node()?" select="()"/>

  <xsl:key name="fp:texts-naming" match="c:text" use="tokenize(@entities)"/>
  <xsl:key name="fp:contexts-of" match="c:context" use="@id"/>
  <xsl:key name="fp:roles-of" match="c:role" use="@id"/>

  <!-- One page per c:entity of $entities. -->
  <xsl:template name="entity-pages">
    <xsl:for-each select="$entities/c:entity-pages/c:entity">
      <xsl:variable name="entry" select="$v:entity-entries(string(@id))"/>
      <xsl:if test="empty($entry)">
        <xsl:sequence select="error(QName('urn:cables:pages', 'pg:entity'), 'no authority entry has the id ' || @id)"/>
      </xsl:if>
      <xsl:call-template name="tp:entity-page">
        <xsl:with-param name="entry" select="$entry"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="tp:entity-page">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="id" select="string($entry/@xml:id)"/>
    <xsl:variable name="file" select="f:entity-page($id)"/>
    <xsl:variable name="index" select="f:index-of($entry)"/>
    <xsl:variable name="name" select="f:entry-name($entry)"/>
    <xsl:variable name="texts" select="key('fp:texts-naming', $id, $entities)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="$file"/>
      <xsl:with-param name="base" select="'../'"/>
      <xsl:with-param name="title" select="$name"/>
      <xsl:with-param name="description" select="f:entry-description($entry)"/>
      <xsl:with-param name="meta" as="element()*">
        <meta name="citation_title" content="{$name}"/>
        <xsl:for-each select="$v:edition/c:editor">
          <meta name="citation_editor" content="{.}"/>
        </xsl:for-each>
        <meta name="citation_online_date" content="{replace($v:edition/@date, '-', '/')}"/>
        <meta name="citation_publisher" content="{$v:edition/@publisher}"/>
        <meta name="citation_inbook_title" content="{$v:edition/@title}"/>
        <meta name="citation_language" content="{$v:edition/@language}"/>
        <xsl:if test="$v:edition/@base-url != ''">
          <meta name="citation_public_url" content="{$v:edition/@base-url}{$file}"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="json-ld" select="fp:json-ld-entity($entry, $file)"/>
      <xsl:with-param name="content">
        <article class="entity entity-{local-name($entry)}" aria-labelledby="entity-name">
          <p class="entity-index"><a href="{f:site-page($index)}#{f:entry-anchor($entry)}">{f:label('entity-index-link', f:label('index-name-' || $index))}</a></p>
          <h1 id="entity-name">
            <xsl:sequence select="(($entry/(tei:persName | tei:placeName | tei:orgName | tei:label | tei:title))[normalize-space(.) = $name][1] ! f:text-in-language(.), $name)[1]"/>
          </h1>
          <xsl:variable name="particulars" select="f:entry-particulars-nodes($entry)"/>
          <xsl:if test="exists($particulars)">
            <p class="entity-description"><xsl:sequence select="$particulars"/></p>
          </xsl:if>
          <xsl:apply-templates select="$entry" mode="mp:entry-details"/>
          <xsl:call-template name="tp:entity-identifiers">
            <xsl:with-param name="entry" select="$entry"/>
          </xsl:call-template>
          <xsl:call-template name="tp:entity-correspondence">
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
          <xsl:call-template name="tp:entity-mentions">
            <xsl:with-param name="entry" select="$entry"/>
            <xsl:with-param name="texts" select="$texts"/>
          </xsl:call-template>
          <xsl:call-template name="tp:entity-appears-with">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="texts" select="$texts"/>
          </xsl:call-template>
          <xsl:if test="$v:edition/@base-url != ''">
            <p class="entity-address">{f:label('entity-address', $v:edition/@base-url || $file)}</p>
          </xsl:if>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The identifiers the authority file gives the entry (idno), each a link out where it
       is a URL or of a kind whose address is known (Wikidata, VIAF, GND, GeoNames). -->
  <xsl:template name="tp:entity-identifiers">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="identifiers" select="$entry/tei:idno[normalize-space(.) != '']"/>
    <xsl:if test="$identifiers">
      <section aria-labelledby="entity-identifiers">
        <h2 id="entity-identifiers">{f:label('entity-identifiers')}</h2>
        <ul class="entity-identifiers">
          <xsl:for-each select="$identifiers">
            <xsl:variable name="value" select="normalize-space(.)"/>
            <xsl:variable name="url" select="fp:identifier-url(lower-case(@type), $value)"/>
            <li>
              <xsl:if test="@type">{fp:in-words(@type)}: </xsl:if>
              <xsl:choose>
                <xsl:when test="$url"><a href="{$url}">{$value}</a></xsl:when>
                <xsl:otherwise>{$value}</xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:function name="fp:identifier-url" as="xs:string?">
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="
        if (matches($value, '^https?://') and f:is-safe-url($value)) then $value
        else if ($type = 'wikidata' and matches($value, '^Q[0-9]+$')) then 'https://www.wikidata.org/wiki/' || $value
        else if ($type = 'viaf' and matches($value, '^[0-9]+$')) then 'https://viaf.org/viaf/' || $value
        else if ($type = 'gnd' and matches($value, '^[0-9X-]+$')) then 'https://d-nb.info/gnd/' || $value
        else if ($type = 'geonames' and matches($value, '^[0-9]+$')) then 'https://www.geonames.org/' || $value
        else ()"/>
  </xsl:function>

  <!-- The documents the entry sent (or that were sent from it) and received (or that
       were received there), from the correspondence records. -->
  <xsl:template name="tp:entity-correspondence">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="roles" select="key('fp:roles-of', $id, $entities)"/>
    <xsl:for-each select="'sent', 'received'">
      <xsl:variable name="action" select="."/>
      <xsl:variable name="texts" select="$roles[@action = $action]/ancestor::c:text"/>
      <xsl:if test="$texts">
        <section aria-labelledby="entity-{$action}">
          <h2 id="entity-{$action}">{f:label('entity-' || $action, count($texts))}</h2>
          <ul class="entity-documents">
            <xsl:for-each select="$texts">
              <li><xsl:sequence select="fp:text-line(.)"/></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- Every text that names the entry, in reading order: each mention with the number of
       its paragraph (a link to it) and the sentence around it; a text that names the
       entry only in its record says so. For an event, the documents that refer to it. -->
  <xsl:template name="tp:entity-mentions">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="texts" as="element(c:text)*"/>
    <xsl:variable name="id" select="string($entry/@xml:id)"/>
    <xsl:variable name="heading" select="if ($entry/self::tei:event) then 'entity-referring' else 'mentions-heading'"/>
    <section aria-labelledby="entity-mentions">
      <h2 id="entity-mentions">{f:label($heading)}</h2>
      <xsl:choose>
        <xsl:when test="$texts">
          <xsl:variable name="contexts" select="key('fp:contexts-of', $id, $entities)"/>
          <p class="entity-count">{f:label('entity-mention-count', (count($contexts), count($texts)))}</p>
          <ol class="entity-mentions">
            <xsl:for-each select="$texts">
              <xsl:variable name="own" select="c:contexts/c:context[@id = $id]"/>
              <li>
                <p class="entity-text"><xsl:sequence select="fp:text-line(.)"/></p>
                <xsl:choose>
                  <xsl:when test="$own">
                    <ul class="entity-contexts">
                      <xsl:for-each select="$own">
                        <li><xsl:sequence select="fp:context-line(., ../..)"/></li>
                      </xsl:for-each>
                    </ul>
                  </xsl:when>
                  <xsl:otherwise>
                    <p class="entity-in-record">{f:label('mentions-in-record')}</p>
                  </xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:when>
        <xsl:otherwise>
          <p class="mentions-none">{f:label('index-not-mentioned')}</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- A text as a line: "no. 6" (f:document-label) linked to its page, then its title and
       date; a text without a number by its title. -->
  <xsl:function name="fp:text-line" as="node()*">
    <xsl:param name="text" as="element(c:text)"/>
    <xsl:variable name="tei" as="element(tei:TEI)"><tei:TEI n="{$text/@number}"/></xsl:variable>
    <xsl:variable name="dated" select="$text/@kind = 'document' and $text/@date-label != ''"/>
    <xsl:choose>
      <xsl:when test="$text/@number != ''">
        <a href="{$text/@stem}.html">{f:document-label($tei)}</a>
        <span class="mention-title"> · {$text/@short-title}<xsl:if test="$dated"> ({$text/@date-label})</xsl:if></span>
      </xsl:when>
      <xsl:otherwise>
        <a href="{$text/@stem}.html">{$text/@short-title}</a>
        <xsl:if test="$dated"> ({$text/@date-label})</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A mention in context: "¶ 4" linked to the paragraph, the sentence with the name
       marked, and how sure the editors are of the identification (f:certainty). -->
  <xsl:function name="fp:context-line" as="node()*">
    <xsl:param name="context" as="element(c:context)"/>
    <xsl:param name="text" as="element(c:text)"/>
    <xsl:if test="$context/@p">
      <xsl:variable name="tei" as="element(tei:TEI)"><tei:TEI n="{$text/@number}"/></xsl:variable>
      <a class="entity-paragraph" href="{$text/@stem}.html#{$context/@anchor}">
        <xsl:if test="$text/@number != ''">
          <xsl:attribute name="aria-label" select="f:label('paragraph-citation', (f:document-label($tei), string($context/@p)))"/>
        </xsl:if>
        <xsl:text>{f:label('paragraph-number', string($context/@p))}</xsl:text>
      </a>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:variable name="lang" select="fp:context-language($context)"/>
    <xsl:variable name="snippet" as="node()*">
      <xsl:sequence select="fp:context-text($context/c:before, $lang)"/>
      <mark><xsl:sequence select="fp:context-text($context/c:hit, $lang)"/></mark>
      <xsl:sequence select="fp:context-text($context/c:after, $lang)"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$lang != $v:edition/@language">
        <q lang="{$lang}"><xsl:sequence select="$snippet"/></q>
      </xsl:when>
      <xsl:otherwise><q><xsl:sequence select="$snippet"/></q></xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="certainty" as="element()">
      <tei:name cert="{$context/@cert}"/>
    </xsl:variable>
    <xsl:for-each select="f:certainty($certainty)">
      <span class="entity-certainty"> ({f:label('identification-certainty', .)})</span>
    </xsl:for-each>
  </xsl:function>

  <!-- The language of a part of a context (c:context, c:span): its own, or the
       edition's where the file gives none. -->
  <xsl:function name="fp:context-language" as="xs:string">
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="($part/@lang[. != ''], $v:edition/@language)[1] ! string(.)"/>
  </xsl:function>

  <!-- A part of a context (c:before, c:hit, c:after) as text, each stretch in another
       language than the quote's ($lang) in a span with its lang. -->
  <xsl:function name="fp:context-text" as="node()*">
    <xsl:param name="part" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:for-each select="$part/node()">
      <xsl:choose>
        <xsl:when test="self::c:span and fp:context-language(.) != $lang">
          <span lang="{fp:context-language(.)}">{.}</span>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

  <!-- The entries named in the same texts, most often first, with the number of texts
       they share; each linked to its page. -->
  <xsl:template name="tp:entity-appears-with">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="texts" as="element(c:text)*"/>
    <xsl:variable name="others" select="$texts ! distinct-values(tokenize(@entities))[. != $id][map:contains($v:entity-entries, .)]"/>
    <xsl:if test="exists($others)">
      <section aria-labelledby="entity-appears-with">
        <h2 id="entity-appears-with">{f:label('entity-appears-with')}</h2>
        <p>{f:label('entity-appears-with-intro')}</p>
        <ul class="entity-appears-with">
          <xsl:for-each-group select="$others" group-by=".">
            <xsl:sort select="count(current-group())" order="descending"/>
            <xsl:sort select="f:index-sort-key($v:entity-entries(current-grouping-key()))"/>
            <xsl:variable name="other" select="$v:entity-entries(current-grouping-key())"/>
            <li><a href="{f:entity-page(current-grouping-key())}">{f:entry-name($other)}</a> ({count(current-group())})</li>
          </xsl:for-each-group>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- schema.org: a Person, Place, Organization or Event, with its names, dates, place
       and identifiers; the page is its mainEntityOfPage. -->
  <xsl:function name="fp:json-ld-entity" as="element(j:map)">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:variable name="main" select="f:entry-name($entry)"/>
    <xsl:variable name="names" select="distinct-values($entry/(tei:persName | tei:placeName | tei:orgName) ! normalize-space(.))[. != $main]"/>
    <xsl:variable name="links" select="$entry/tei:idno ! fp:identifier-url(lower-case(@type), normalize-space(.))"/>
    <xsl:variable name="geo" select="tokenize(normalize-space(($entry/tei:location/tei:geo)[1]))"/>
    <j:map>
      <j:string key="@context">https://schema.org</j:string>
      <j:string key="@type">{map{'person': 'Person', 'place': 'Place', 'org': 'Organization', 'event': 'Event'}(local-name($entry))}</j:string>
      <xsl:if test="$v:edition/@base-url != ''">
        <j:string key="@id">{$v:edition/@base-url}{$file}#entity</j:string>
        <j:string key="mainEntityOfPage">{$v:edition/@base-url}{$file}</j:string>
      </xsl:if>
      <j:string key="name">{$main}</j:string>
      <xsl:if test="exists($names)">
        <j:array key="alternateName">
          <xsl:for-each select="$names"><j:string>{.}</j:string></xsl:for-each>
        </j:array>
      </xsl:if>
      <j:string key="description">{f:entry-description($entry)}</j:string>
      <xsl:for-each select="f:iso($entry/tei:birth)[. != '']"><j:string key="birthDate">{.}</j:string></xsl:for-each>
      <xsl:for-each select="f:iso($entry/tei:death)[. != '']"><j:string key="deathDate">{.}</j:string></xsl:for-each>
      <xsl:if test="$entry/self::tei:event">
        <xsl:for-each select="($entry/@when, $entry/@from, $entry/@notBefore)[1]"><j:string key="startDate">{.}</j:string></xsl:for-each>
        <xsl:for-each select="($entry/@to, $entry/@notAfter)[1]"><j:string key="endDate">{.}</j:string></xsl:for-each>
      </xsl:if>
      <xsl:if test="count($geo) = 2 and ($geo[1] castable as xs:double) and ($geo[2] castable as xs:double)">
        <j:map key="geo">
          <j:string key="@type">GeoCoordinates</j:string>
          <j:number key="latitude">{$geo[1]}</j:number>
          <j:number key="longitude">{$geo[2]}</j:number>
        </j:map>
      </xsl:if>
      <xsl:if test="exists($links)">
        <j:array key="sameAs">
          <xsl:for-each select="$links"><j:string>{.}</j:string></xsl:for-each>
        </j:array>
      </xsl:if>
      <j:map key="subjectOf">
        <j:string key="@type">WebSite</j:string>
        <j:string key="name">{$v:edition/@title}</j:string>
        <xsl:if test="$v:edition/@base-url != ''">
          <j:string key="url">{$v:edition/@base-url}</j:string>
        </xsl:if>
      </j:map>
    </j:map>
  </xsl:function>

</xsl:stylesheet>
