<?xml version="1.0" encoding="UTF-8"?>
<!--
  search.xsl: the search page of the web edition and the index it searches.
  Included by site.xsl, which provides the page shell (fp:page) and the output formats.

  The index is written at build time as JavaScript files (search-index-<n>.js), each of
  which adds one part ("shard") of it to the array window.cablesSearchIndex: a plain
  <script src> loads them even when the site is opened from disk, where browsers refuse
  fetch() of local files. A text belongs to the shard cables chooses from its file name,
  so one changed document changes one shard; the entries carry their sort key and
  assets/search.js puts them in order. The matching itself is done in the browser; without
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
  <xsl:variable name="fp:search-index-files" as="xs:string*"
      select="for $n in 0 to xs:integer(($manifest/c:manifest/@search-shards, 1)[1]) - 1
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
  <xsl:variable name="fp:searched-persons" as="element(tei:person)*"
      select="fp:sorted-entries($fp:searched-texts ! fp:mentioned(., 'persons'))"/>
  <xsl:variable name="fp:searched-places" as="element(tei:place)*"
      select="fp:sorted-entries($fp:searched-texts ! fp:mentioned(., 'places'))"/>

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
          <xsl:if test="exists($dates)">(<time datetime="{f:iso($dates[1])}">{f:format-date($dates[1])}</time>
            to <time datetime="{f:iso($dates[last()])}">{f:format-date($dates[last()])}</time>)</xsl:if>
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

  <!-- ======================================================= -->
  <!-- The index                                                 -->
  <!-- ======================================================= -->

  <!-- Writes one part of the index: an entry for each text (document or front-matter
       page) of the part, and one for each editorial note in it. -->
  <xsl:template name="fp:search-shard">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:param name="entries" as="element(c:entry)*"/>
    <xsl:variable name="index" as="element(j:map)">
      <j:map>
        <j:number key="part">{$number}</j:number>
        <j:array key="entries">
          <xsl:for-each select="$entries/c:record">
            <xsl:variable name="tei" select="tei:TEI"/>
            <xsl:variable name="search" select="../c:search"/>
            <xsl:variable name="facts" select="fp:search-facts($tei)"/>
            <xsl:variable name="front" select="$tei/tei:text/@type = 'front-matter'"/>
            <!-- Documents in date order, then the front matter: as the home page lists them. -->
            <xsl:variable name="order" select="if (@kind = 'document') then '0 ' || @sort || ' ' || @id else '1 ' || @stem"/>
            <j:map>
              <j:string key="kind">{if ($front) then 'page' else 'document'}</j:string>
              <j:string key="id">{@id}</j:string>
              <j:string key="url">{@stem}.html</j:string>
              <j:string key="order">{$order}</j:string>
              <xsl:sequence select="$facts"/>
              <j:string key="text">{$search/c:text}</j:string>
            </j:map>
            <xsl:variable name="record" select="."/>
            <xsl:for-each select="$search/c:note">
              <j:map>
                <j:string key="kind">note</j:string>
                <j:string key="id">{$record/@id}-note-{@number}</j:string>
                <j:string key="url">{$record/@stem}.html#note-{@number}</j:string>
                <j:string key="order">{$order}</j:string>
                <j:number key="note">{@number}</j:number>
                <j:string key="noteType">{@type}</j:string>
                <xsl:sequence select="$facts"/>
                <j:string key="text">{.}</j:string>
              </j:map>
            </xsl:for-each>
          </xsl:for-each>
        </j:array>
      </j:map>
    </xsl:variable>
    <xsl:result-document href="{fp:search-index-file($number)}" format="text">
      <xsl:text>/* Part {$number} of the search index of the web edition, written by cables at build time; read by assets/search.js. */&#10;</xsl:text>
      <xsl:text>(window.cablesSearchIndex = window.cablesSearchIndex || []).push(</xsl:text>
      <xsl:value-of select="xml-to-json($index)"/>
      <xsl:text>);&#10;</xsl:text>
    </xsl:result-document>
  </xsl:template>

  <!-- What a document's entry and the entries of its notes share: title, date, type,
       status, and the persons and places its text and correspondence record name. -->
  <xsl:function name="fp:search-facts" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>
    <j:string key="title">{f:title($tei)}</j:string>
    <j:string key="date">{f:iso($date)}</j:string>
    <!-- The last bound of a range, so that a date filter can test overlap. -->
    <j:string key="dateEnd">{string(($date/@when, $date/@to, $date/@notAfter, $date/@from, $date/@notBefore)[1])}</j:string>
    <j:string key="dateLabel">{if (exists($date)) then f:format-date($date) else ''}</j:string>
    <j:string key="type">{$tei/tei:text/@type}</j:string>
    <j:string key="typeLabel">{f:type-label($tei/tei:text/@type)}</j:string>
    <j:string key="status">{f:status($tei)}</j:string>
    <xsl:for-each select="'persons', 'places'">
      <j:array key="{.}">
        <xsl:for-each select="fp:sorted-entries(fp:mentioned($tei, .))">
          <j:map><j:string key="id">{@xml:id}</j:string><j:string key="name">{f:entry-name(.)}</j:string></j:map>
        </xsl:for-each>
      </j:array>
    </xsl:for-each>
  </xsl:function>

  <!-- The authority entries of one index ('persons', 'places') that a text or its
       correspondence record points to, each once. -->
  <xsl:function name="fp:mentioned" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="index" as="xs:string"/>
    <xsl:variable name="pointers" select="if ($tei/parent::c:record) then $tei/../c:pointer/@ref
        else $tei/tei:text//@ref | $tei/tei:teiHeader/tei:profileDesc/tei:correspDesc//@ref"/>
    <xsl:sequence select="(for $pointer in $pointers ! tokenize(.) return f:resolve($pointer))
        [f:index-of(.) = $index]/."/>
  </xsl:function>

  <!-- Authority entries by name, as the index pages sort them; the id breaks ties. -->
  <xsl:function name="fp:sorted-entries" as="element()*">
    <xsl:param name="entries" as="element()*"/>
    <xsl:perform-sort select="$entries/.">
      <xsl:sort select="lower-case(f:entry-name(.))"/>
      <xsl:sort select="@xml:id"/>
    </xsl:perform-sort>
  </xsl:function>

</xsl:stylesheet>
