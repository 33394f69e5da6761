<?xml version="1.0" encoding="UTF-8"?>
<!--
  search.xsl: the search page of the web edition and the index it searches.
  Included by site.xsl, which provides the page shell (tp:page) and the output formats.

  The index is written at build time as JavaScript files (search-index-<n>.js), each of
  which adds one part ("shard") of it to the array window.cablesSearchIndex: a plain
  <script src> loads them even when the site is opened from disk, where browsers refuse
  fetch() of local files. The entries of each text are made with its record
  (search-entries.xsl, run by record.xsl) and cables writes them into the part it chooses
  from the text's file name, so one changed document changes one part; the entries carry
  their sort key and assets/search.js puts them in order. The matching itself is done in the browser; without
  JavaScript the page points to the indices instead. The JSON is written by xml-to-json
  over j:map/j:array elements, so its key order is the order written here and two builds
  are byte-identical.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:t="urn:cables:templates"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The files of the index, beside the pages; search.html loads them before the script.
       The manifest says how many parts cables split the index into. -->
  <xsl:include href="search-entries.xsl"/>

  <xsl:variable name="vp:search-index-files" as="xs:string*"
      select="for $n in 0 to xs:integer(($manifest/c:manifest/@search-parts, 1)[1]) - 1
              return fp:search-index-file($n)"/>

  <!-- What a date filter accepts: a year, a month or a day, as ISO 8601 writes them
       (search.js reads them with the same expression). -->
  <xsl:variable name="vp:date-pattern" as="xs:string" select="'[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?'"/>

  <xsl:function name="fp:search-index-file" as="xs:string">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="'search-index-' || $number || '.js'"/>
  </xsl:function>

  <!-- The texts the search covers, in the order results are listed: documents in date
       order, then the front matter. -->
  <xsl:variable name="vp:searched-texts" as="element(tei:TEI)*"
      select="($v:documents-in-order, $v:front/tei:TEI)"/>

  <!-- Every authority entry named in the searched texts: the options of the filters,
       so that no option leads to an empty result. -->
  <xsl:variable name="vp:searched-entries" as="element()*" select="fp:sorted-entries(
      (for $id in distinct-values($vp:searched-texts ! fp:pointed-ids(.))
       return f:register-entry($id))/.)"/>

  <!-- ======================================================= -->
  <!-- The page                                                  -->
  <!-- ======================================================= -->

  <xsl:template name="tp:search-page">
    <xsl:variable name="dates" select="$v:documents-in-order ! f:sent-date(.)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page('search')"/>
      <xsl:with-param name="title" select="f:label('nav-search')"/>
      <xsl:with-param name="description" select="f:label('search-description', string($v:edition/@title))"/>
      <xsl:with-param name="scripts" select="($vp:search-index-files, 'assets/search.js')"/>
      <xsl:with-param name="content">
        <h1>{f:label('nav-search')}</h1>
        <p><xsl:variable name="range">
            <xsl:if test="exists($dates)">
              <xsl:variable name="times" as="element()+">
                <xsl:call-template name="t:time"><xsl:with-param name="date" select="$dates[1]"/></xsl:call-template>
                <xsl:call-template name="t:time"><xsl:with-param name="date" select="$dates[last()]"/></xsl:call-template>
              </xsl:variable>
              <xsl:sequence select="f:label-nodes('search-dates', $times)"/>
            </xsl:if>
          </xsl:variable>
          <xsl:sequence select="f:label-nodes('search-introduction', (count($v:documents-in-order), $range))"/></p>
        <noscript>
          <p class="search-noscript"><xsl:sequence select="f:label-nodes('search-noscript', ($v:indices ! fp:link(f:site-page(.), f:label('index-name-' || .)),
              fp:link(f:site-page('home'), f:label('search-home-page'))))"/></p>
        </noscript>
        <!-- Shown by search.js: without JavaScript the form could do nothing. -->
        <form role="search" id="search-form" class="search-form" action="{f:site-page('search')}" method="get" hidden="hidden"
            data-index-parts="{count($vp:search-index-files)}" data-labels="{fp:script-labels()}"
            data-names="{fp:search-names()}" data-rules="{$vp:search-rules}">
          <div class="search-query">
            <label for="search-q">{f:label('search-words')}</label>
            <input type="search" id="search-q" name="q" autocomplete="off" spellcheck="false"
                aria-describedby="search-help"/>
            <button type="submit">{f:label('search-button')}</button>
          </div>
          <p id="search-help" class="search-help"><xsl:variable name="example" as="element()+"><kbd>scinteia</kbd><i lang="ro">Scînteia</i></xsl:variable>
            <xsl:sequence select="f:label-nodes('search-help', $example)"/></p>
          <!-- Folded on a phone (search.js opens it on wider screens and when a filter is
               set), so that the results start right below the query. -->
          <details id="search-filters-box" class="search-filters-box">
          <summary id="search-filters-heading">{f:label('search-filters')}</summary>
          <fieldset class="search-filters" aria-labelledby="search-filters-heading">
            <div class="search-filter">
              <label for="search-from">{f:label('search-from')}</label>
              <input type="text" id="search-from" name="from" inputmode="numeric" autocomplete="off"
                  spellcheck="false" size="10" maxlength="10" pattern="{$vp:date-pattern}"
                  aria-describedby="search-dates-help"/>
            </div>
            <div class="search-filter">
              <label for="search-to">{f:label('search-to')}</label>
              <input type="text" id="search-to" name="to" inputmode="numeric" autocomplete="off"
                  spellcheck="false" size="10" maxlength="10" pattern="{$vp:date-pattern}"
                  aria-describedby="search-dates-help"/>
            </div>
            <!-- Text fields, not date inputs: a browser writes those in its own language's
                 order (mm/dd/yyyy), while the edition asks for ISO dates, in part or whole. -->
            <p id="search-dates-help" class="search-dates-help">{f:label('search-dates-help')}</p>
            <xsl:call-template name="tp:entry-filter"><xsl:with-param name="name" select="'person'"/></xsl:call-template>
            <xsl:call-template name="tp:entry-filter"><xsl:with-param name="name" select="'place'"/></xsl:call-template>
            <xsl:call-template name="tp:entry-filter"><xsl:with-param name="name" select="'organisation'"/></xsl:call-template>
            <xsl:call-template name="tp:entry-filter"><xsl:with-param name="name" select="'event'"/></xsl:call-template>
            <xsl:call-template name="tp:party-filter"><xsl:with-param name="name" select="'sender'"/><xsl:with-param name="action" select="'sent'"/></xsl:call-template>
            <xsl:call-template name="tp:party-filter"><xsl:with-param name="name" select="'addressee'"/><xsl:with-param name="action" select="'received'"/></xsl:call-template>
            <div class="search-filter">
              <label for="search-document-status">{f:label('search-document-status')}</label>
              <select id="search-document-status" name="status">
                <option value="">{f:label('search-any-status')}</option>
                <xsl:for-each select="distinct-values($v:documents-in-order ! f:status(.))[. != '']">
                  <xsl:sort select="f:status-label(.)"/>
                  <option value="{.}">{f:status-label(.)}</option>
                </xsl:for-each>
              </select>
            </div>
            <div class="search-filter">
              <label for="search-type">{f:label('search-type')}</label>
              <select id="search-type" name="type">
                <option value="">{f:label('search-any-type')}</option>
                <xsl:for-each select="distinct-values($vp:searched-texts/tei:text/@type)">
                  <xsl:sort select="f:type-label(.)"/>
                  <option value="{.}">{f:type-label(.)}</option>
                </xsl:for-each>
              </select>
            </div>
          </fieldset>
          </details>
          <p class="search-actions">
            <button type="reset">{f:label('search-clear')}</button>
          </p>
        </form>
        <section id="search-results-section" class="search-results" aria-labelledby="search-results-heading" hidden="hidden">
          <h2 id="search-results-heading">{f:label('search-results')}</h2>
          <p id="search-status" class="search-status" role="status" aria-live="polite" aria-atomic="true">{f:label('search-status')}</p>
          <ol id="search-results"></ol>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- How the search reads text (folding, words, stems, stop words, ranking): the rule
       table beside this stylesheet, which cables reads too when it writes the postings of
       the index (search_index.Tokeniser), so that both sides read text alike. -->
  <xsl:variable name="vp:search-rules" as="xs:string"
      select="unparsed-text('search-rules.json')"/>

  <!-- Every name form of the authority entries the searched texts name (original script,
       variants, abbreviations), as a JSON object from id to [name, form, ...], for the
       form's data-names: search.js finds a passage by any form of an entry it tags. -->
  <xsl:function name="fp:search-names" as="xs:string">
    <xsl:variable name="object" as="element(j:map)">
      <j:map>
        <xsl:for-each select="$vp:searched-entries">
          <j:array key="{@xml:id}">
            <xsl:for-each select="distinct-values((f:entry-name(.),
                (tei:persName | tei:placeName | tei:orgName | tei:label) ! normalize-space()))[. != '']">
              <j:string>{.}</j:string>
            </xsl:for-each>
          </j:array>
        </xsl:for-each>
      </j:map>
    </xsl:variable>
    <xsl:sequence select="xml-to-json($object)"/>
  </xsl:function>

  <!-- A filter by the authority entries of one index the searched texts name: $name is
       the filter's field (person, place, organisation, event), its index the plural. -->
  <xsl:template name="tp:entry-filter">
    <xsl:param name="name" as="xs:string"/>
    <div class="search-filter">
      <label for="search-{$name}">{f:label('search-' || $name)}</label>
      <select id="search-{$name}" name="{$name}">
        <option value="">{f:label('search-any-' || $name)}</option>
        <xsl:for-each select="$vp:searched-entries[f:index-of(.) = $name || 's']">
          <option value="{@xml:id}">{f:entry-name(.)}</option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <!-- A filter by who sent ($action 'sent') or received ('received') the documents: the
       authority entries named as such in their correspondence records. -->
  <xsl:template name="tp:party-filter">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="ids" select="distinct-values($v:documents-in-order ! f:parties(., $action) ! f:pointed-ids(.))"/>
    <div class="search-filter">
      <label for="search-{$name}">{f:label('search-' || $name)}</label>
      <select id="search-{$name}" name="{$name}">
        <option value="">{f:label('search-any-' || $name)}</option>
        <xsl:for-each select="$vp:searched-entries[@xml:id = $ids]">
          <option value="{@xml:id}">{f:entry-name(.)}</option>
        </xsl:for-each>
      </select>
    </div>
  </xsl:template>

  <!-- The words assets/search.js writes (label keys search-js-*), as a JSON object in a
       fixed order, for the form's data-labels: the script has no label table of its own. -->
  <xsl:function name="fp:script-labels" as="xs:string">
    <xsl:variable name="keys" select="('search-js-no-results', 'search-js-results-one',
        'search-js-results-many', 'search-js-pages-one', 'search-js-pages-many',
        'search-js-notes-one', 'search-js-notes-many', 'search-js-separator',
        'search-js-summary', 'search-js-first-listed', 'search-js-note-prefix',
        'search-js-index-failed', 'search-js-type-a-word', 'search-js-only-stop-words',
        'search-js-document-number', 'search-js-matched', 'search-js-facet-count',
        'search-js-date-invalid')"/>
    <xsl:sequence select="'{' || string-join(for $key in $keys return
        serialize($key, map {'method': 'json'}) || ':'
        || serialize(f:label($key), map {'method': 'json'}), ',') || '}'"/>
  </xsl:function>

</xsl:stylesheet>
