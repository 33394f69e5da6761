<?xml version="1.0" encoding="UTF-8"?>
<!--
  search.xsl: the search page of the web edition and the index it searches.
  Included by site.xsl, which provides the page shell (fp:page) and the output formats.

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
    xmlns:c="urn:cables:manifest"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The files of the index, beside the pages; search.html loads them before the script.
       The manifest says how many parts cables split the index into. -->
  <xsl:include href="search-entries.xsl"/>

  <xsl:variable name="fp:search-index-files" as="xs:string*"
      select="for $n in 0 to xs:integer(($manifest/c:manifest/@search-parts, 1)[1]) - 1
              return fp:search-index-file($n)"/>

  <xsl:function name="fp:search-index-file" as="xs:string">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:sequence select="'search-index-' || $number || '.js'"/>
  </xsl:function>

  <!-- The texts the search covers, in the order results are listed: documents in date
       order, then the front matter. -->
  <xsl:variable name="fp:searched-texts" as="element(tei:TEI)*"
      select="($f:documents-in-order, $f:front/tei:TEI)"/>

  <!-- Every person and place named in the searched texts: the options of the filters,
       so that no option leads to an empty result. -->
  <xsl:variable name="fp:searched-entries" as="element()*" select="fp:sorted-entries(
      (for $id in distinct-values($fp:searched-texts ! fp:pointed-ids(.))
       return f:register-entry($id))/.)"/>
  <xsl:variable name="fp:searched-persons" as="element(tei:person)*"
      select="$fp:searched-entries[f:index-of(.) = 'persons']"/>
  <xsl:variable name="fp:searched-places" as="element(tei:place)*"
      select="$fp:searched-entries[f:index-of(.) = 'places']"/>

  <!-- ======================================================= -->
  <!-- The page                                                  -->
  <!-- ======================================================= -->

  <xsl:template name="fp:search-page">
    <xsl:variable name="dates" select="$f:documents-in-order ! f:sent-date(.)"/>
    <xsl:call-template name="fp:page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="description" select="'Search the summaries and editorial notes of ' || $f:edition/@title"/>
      <xsl:with-param name="scripts" select="($fp:search-index-files, 'assets/search.js')"/>
      <xsl:with-param name="content">
        <h1>Search</h1>
        <p>
          Search the summaries and editorial notes of the {count($f:documents-in-order)} documents
          <xsl:if test="exists($dates)">(<xsl:call-template name="f:time"><xsl:with-param name="date" select="$dates[1]"/></xsl:call-template>
            to <xsl:call-template name="f:time"><xsl:with-param name="date" select="$dates[last()]"/></xsl:call-template>)</xsl:if>
          and the introductory pages, and narrow the results by date, person, place and type of document.
        </p>
        <noscript>
          <p class="search-noscript">
            The search runs in your browser and needs JavaScript, which is turned off or not
            available here. Every document and paragraph that mentions a person, place,
            organisation or event is listed in the indices of
            <a href="persons.html">persons</a>, <a href="places.html">places</a>,
            <a href="organisations.html">organisations</a> and <a href="events.html">events</a>,
            and the <a href="index.html">home page</a> lists all the documents in date order.
          </p>
        </noscript>
        <!-- Shown by search.js: without JavaScript the form could do nothing. -->
        <form role="search" id="search-form" class="search-form" action="search.html" method="get" hidden="hidden"
            data-index-parts="{count($fp:search-index-files)}">
          <div class="search-query">
            <label for="search-q">Words to search for</label>
            <input type="search" id="search-q" name="q" autocomplete="off" spellcheck="false"
                aria-describedby="search-help"/>
            <button type="submit">Search</button>
          </div>
          <p id="search-help" class="search-help">
            A result contains all the words you type. Capitals and accents do not matter:
            <kbd>scinteia</kbd> finds <i lang="ro">Scînteia</i>. Part of a word is enough.
          </p>
          <fieldset class="search-filters">
            <legend>Narrow the results</legend>
            <div class="search-filter">
              <label for="search-from">Dated from</label>
              <input type="date" id="search-from" name="from"/>
            </div>
            <div class="search-filter">
              <label for="search-to">Dated until</label>
              <input type="date" id="search-to" name="to"/>
            </div>
            <div class="search-filter">
              <label for="search-person">Person mentioned</label>
              <select id="search-person" name="person">
                <option value="">Any person</option>
                <xsl:for-each select="$fp:searched-persons">
                  <option value="{@xml:id}">{f:entry-name(.)}</option>
                </xsl:for-each>
              </select>
            </div>
            <div class="search-filter">
              <label for="search-place">Place mentioned</label>
              <select id="search-place" name="place">
                <option value="">Any place</option>
                <xsl:for-each select="$fp:searched-places">
                  <option value="{@xml:id}">{f:entry-name(.)}</option>
                </xsl:for-each>
              </select>
            </div>
            <div class="search-filter">
              <label for="search-type">Type of document</label>
              <select id="search-type" name="type">
                <option value="">Any type</option>
                <xsl:for-each select="distinct-values($fp:searched-texts/tei:text/@type)">
                  <xsl:sort select="f:type-label(.)"/>
                  <option value="{.}">{f:type-label(.)}</option>
                </xsl:for-each>
              </select>
            </div>
          </fieldset>
          <p class="search-actions">
            <button type="reset">Clear the search</button>
          </p>
        </form>
        <section id="search-results-section" class="search-results" aria-labelledby="search-results-heading" hidden="hidden">
          <h2 id="search-results-heading">Results</h2>
          <p id="search-status" class="search-status" role="status" aria-live="polite" aria-atomic="true">Type a word or choose a filter.</p>
          <ol id="search-results"></ol>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
