<?xml version="1.0" encoding="UTF-8"?>
<!--
  chronology.xsl: the chronology page of the web edition (chronology.html). Included by
  site.xsl, which provides the page shell (tp:page).

  Documents and the events of the authority file on one vertical timeline, drawn as inline
  SVG at build time, followed by the same chronology as an HTML list for screen readers,
  readers without CSS and anyone who prefers to read. The drawing is computed in three steps:
  items (what is shown and when), rows (in date order, with a year row opening each year),
  placed rows (each row's y coordinate). Everything is derived from the corpus, so two builds
  draw the same picture. The private names are those of the other stylesheets site.xsl
  includes (mp:, tp:, fp:, vp:): Saxon rejects two global declarations of one name, and
  tests/test_xslt_inventory.py lists them all, so no prefix by hand keeps the modules apart.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- ======================================================= -->
  <!-- Geometry of the drawing, in SVG user units                -->
  <!-- ======================================================= -->

  <!-- The drawing's geometry and colours, one map rather than a variable each. The drawing
       is fitted to the width of the page (width 100%), so these numbers are proportions.
       Text is 24 units high in a 540 units wide drawing: at least 14 CSS pixels as long as
       the drawing is at least 315 pixels wide, that is on any phone.
       - line-width: SVG text does not wrap by itself, so labels are broken into lines whose
         estimated width (fp:text-width, in ems) fits between the label's start and the
         right edge;
       - gap: the least space between the bottom of one row and the top of the next;
       - day and longest-step: units per day where time is drawn to scale, and the longest
         step drawn to scale; a longer stretch without items is shortened to this and its
         axis drawn dotted;
       - marker-offset: from the top of a row to the middle of its first line, where its
         marker sits;
       - the colours of markers: dark enough for 3:1 against white (WCAG 1.4.11). Colour is
         never the only difference: documents are circles, events diamonds or bars. -->
  <xsl:variable name="vp:chart" as="map(xs:string, xs:anyAtomicType)" select="map {
      'width': 540, 'axis-x': 40, 'label-x': 68, 'font-size': 24, 'line-height': 30,
      'line-width': xs:double((540 - 68 - 6) div 24),
      'year-height': 40, 'gap': 18, 'day': 1.5e0, 'longest-step': 240, 'marker-offset': 15,
      'document-colour': '#1f4e8c', 'event-colour': '#a33a00',
      'text-colour': '#1a1a1a', 'link-colour': '#0b4a8b' }"/>

  <!-- ======================================================= -->
  <!-- The items: every document and every event                 -->
  <!-- ======================================================= -->

  <!-- One vp:item per document and event, in date order, undated ones last. Attributes:
       kind (document or event), id, href, label, number (a document's, else ""), date (in
       words), iso, start and end (day numbers, end only for a span), span (from-to or
       not-before-after); children vp:variant for each date a source gives instead of the adopted one. -->
  <xsl:variable name="vp:chronology-items" as="element(vp:item)*">
    <xsl:variable name="items" as="element(vp:item)*">
      <xsl:for-each select="$v:documents-in-order">
        <xsl:variable name="date" select="f:sent-date(.)"/>
        <xsl:call-template name="tp:chronology-item">
          <xsl:with-param name="kind" select="'document'"/>
          <xsl:with-param name="id" select="string(@xml:id)"/>
          <xsl:with-param name="href" select="f:stem(.) || '.html'"/>
          <xsl:with-param name="label" select="f:short-title(.)"/>
          <xsl:with-param name="number" select="f:number(.)"/>
          <xsl:with-param name="date" select="$date"/>
          <xsl:with-param name="variants" select="f:variant-dates(.)"/>
          <xsl:with-param name="type" select="string(tei:text/@type)"/>
          <xsl:with-param name="entities" select="fp:chronology-entities(fp:pointed-ids(.))"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="$v:authority//tei:listEvent/tei:event">
        <xsl:call-template name="tp:chronology-item">
          <xsl:with-param name="kind" select="'event'"/>
          <xsl:with-param name="id" select="string(@xml:id)"/>
          <xsl:with-param name="href" select="f:site-page('events') || '#' || @xml:id"/>
          <xsl:with-param name="label" select="f:entry-name(.)"/>
          <xsl:with-param name="date" select="."/>
          <xsl:with-param name="type" select="'event'"/>
          <xsl:with-param name="entities" select="fp:chronology-entities((string(@xml:id), .//*[@ref or @key] ! f:pointed-ids(.)))"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <xsl:perform-sort select="$items">
      <xsl:sort select="exists(@start)" order="descending"/>
      <xsl:sort select="xs:integer((@start, 0)[1])"/>
      <xsl:sort select="@kind"/>
      <xsl:sort select="@id"/>
    </xsl:perform-sort>
  </xsl:variable>

  <xsl:template name="tp:chronology-item" as="element(vp:item)">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <!-- A document's number in the edition (f:number), "" for an event or an unnumbered one. -->
    <xsl:param name="number" as="xs:string" select="''"/>
    <!-- A tei:date, or an event, carrying @when, @from/@to or @notBefore/@notAfter. -->
    <xsl:param name="date" as="element()?"/>
    <xsl:param name="variants" as="element(tei:date)*" select="()"/>
    <!-- What the filters of the page select it by: a document's text/@type ("event" for
         an event) and the ids of the persons, places, organisations and events it names. -->
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="entities" as="xs:string*"/>
    <xsl:variable name="start" select="fp:day-number(f:iso($date))"/>
    <xsl:variable name="end" select="fp:day-number(
        if ($date/@from) then $date/@to else if ($date/@notBefore) then $date/@notAfter else ())"/>
    <vp:item kind="{$kind}" id="{$id}" href="{$href}" label="{$label}" number="{$number}"
        type="{$type}" entities="{$entities}"
        date="{if (exists($start)) then f:format-date($date) else f:label('chronology-undated')}">
      <xsl:if test="exists($start)">
        <xsl:attribute name="iso" select="f:iso($date)"/>
        <xsl:attribute name="start" select="$start"/>
      </xsl:if>
      <xsl:if test="exists($start) and $end gt $start">
        <xsl:attribute name="end" select="$end"/>
        <xsl:attribute name="span" select="if ($date/@from) then 'from-to' else 'not-before-after'"/>
      </xsl:if>
      <xsl:for-each select="$variants[exists(fp:day-number(f:iso(.)))]">
        <vp:variant iso="{f:iso(.)}" day="{fp:day-number(f:iso(.))}"
            date="{f:format-date(.)}" according-to="{fp:according-to(.)}"/>
      </xsl:for-each>
    </vp:item>
  </xsl:template>

  <!-- The ids among these of the entries that have an index (persons, places,
       organisations, events), each once: what the chronology can be filtered by. -->
  <xsl:function name="fp:chronology-entities" as="xs:string*">
    <xsl:param name="ids" as="xs:string*"/>
    <xsl:sequence select="distinct-values($ids)[f:index-of(f:register-entry(.)) = $v:indices]"/>
  </xsl:function>

  <!-- Days since 1 January 1900 of an ISO date of year, month or day precision; a year or
       a month counts from its first day, as the documents are ordered. Anything else (no
       date, a date the checker would reject) gives no number, and the item counts as
       undated rather than stopping the build. -->
  <xsl:function name="fp:day-number" as="xs:integer?">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:variable name="full" select="$iso[matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')]
        ! (. || substring('-01-01', string-length(.) - 3))"/>
    <xsl:sequence select="$full[. castable as xs:date]
        ! xs:integer((xs:date(.) - xs:date('1900-01-01')) div xs:dayTimeDuration('P1D'))"/>
  </xsl:function>

  <!-- The lines of a label: words filled greedily into lines no wider than the room right
       of the axis (a longer word gets a line of its own). Bold text is about a tenth wider.
       Widths are summed word by word, in hundredths of an em so that the sums are exact. -->
  <xsl:function name="fp:wrap-label" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="bold" as="xs:boolean"/>
    <xsl:variable name="room" select="100 * $vp:chart?line-width div (if ($bold) then 1.1 else 1)"/>
    <xsl:variable name="space" select="fp:text-width(' ')"/>
    <xsl:sequence select="fold-left(tokenize(normalize-space($text)), map { 'lines': (), 'width': 0 },
        function ($state as map(*), $word as xs:string) as map(*) {
          let $width := fp:text-width($word),
              $lines := $state?lines
          return
            if (empty($lines)) then map { 'lines': $word, 'width': $width }
            else if ($state?width + $space + $width le $room)
              then map { 'lines': ($lines[position() lt last()], $lines[last()] || ' ' || $word),
                         'width': $state?width + $space + $width }
            else map { 'lines': ($lines, $word), 'width': $width }
        })?lines"/>
  </xsl:function>

  <!-- The width of a text in hundredths of an em, estimated from character classes measured
       on DejaVu Sans, the widest of the usual sans-serif fonts, so that a line fits whichever
       one the reader's browser uses. -->
  <xsl:function name="fp:text-width" as="xs:integer">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="sum(string-to-codepoints($text) ! (
        let $character := codepoints-to-string(.) return
        if (. ge 11904) then 100
        else if (contains(' .,:;''ijl!|()[]·', $character)) then 32
        else if (contains('frtI-/', $character)) then 42
        else if (contains('mwMW—', $character)) then 98
        else if (matches($character, '\p{Lu}')) then 74
        else 64))"/>
  </xsl:function>

  <!-- The text lines of an item in the drawing: its date, its label, and for a document
       whose date is disputed the other date. Each line is an vp:line with a class. -->
  <xsl:function name="fp:item-lines" as="element(vp:line)*">
    <xsl:param name="item" as="element(vp:item)"/>
    <!-- Undated items stand under the heading "Date not recorded": no date line. -->
    <xsl:for-each select="$item[@iso] ! fp:wrap-label(@date || (vp:variant ! (' · ' || f:label('chronology-date-disputed')))[1], true())">
      <vp:line class="chronology-date">{.}</vp:line>
    </xsl:for-each>
    <xsl:for-each select="fp:wrap-label(f:numbered-title($item/@number, $item/@label, false()), false())">
      <vp:line class="chronology-label">{.}</vp:line>
    </xsl:for-each>
    <xsl:for-each select="$item/vp:variant">
      <xsl:for-each select="fp:wrap-label(f:label('chronology-also-dated', string(@date)), false())">
        <vp:line class="chronology-variant">{.}</vp:line>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Rows and their places                                     -->
  <!-- ======================================================= -->

  <!-- The rows of the drawing, top to bottom: a year row before the first item of each
       year, the items, and a heading row before the undated items. @day is the day number
       a row stands for (none for undated rows), @height the units its text takes; an item's
       row holds the item and its lines of text. -->
  <xsl:variable name="vp:chart-rows" as="element(vp:row)*">
    <xsl:for-each-group select="$vp:chronology-items[@start]" group-adjacent="substring(@iso, 1, 4)">
      <vp:row kind="year" label="{current-grouping-key()}" height="{$vp:chart?year-height}"
          day="{fp:day-number(current-grouping-key())}"/>
      <xsl:for-each select="current-group()">
        <xsl:variable name="lines" select="fp:item-lines(.)"/>
        <vp:row kind="item" day="{@start}" height="{count($lines) * $vp:chart?line-height}">
          <xsl:sequence select="., $lines"/>
        </vp:row>
      </xsl:for-each>
    </xsl:for-each-group>
    <xsl:if test="$vp:chronology-items[not(@start)]">
      <vp:row kind="year" label="{f:label('chronology-undated')}" height="{$vp:chart?year-height}"/>
      <xsl:for-each select="$vp:chronology-items[not(@start)]">
        <xsl:variable name="lines" select="fp:item-lines(.)"/>
        <vp:row kind="item" height="{count($lines) * $vp:chart?line-height}">
          <xsl:sequence select="., $lines"/>
        </vp:row>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>

  <!-- The rows with their y coordinates (top of the row). Each row lies below the previous
       one by the time between them drawn to scale, but never closer than the previous row's
       height plus the gap (so labels never overlap) and never further than the longest step
       (a step shortened so is marked step="shortened"). Undated rows follow at a fixed
       distance (step="detached"). -->
  <xsl:variable name="vp:placed-rows" as="element(vp:row)*">
    <xsl:iterate select="$vp:chart-rows">
      <xsl:param name="previous" as="element(vp:row)?" select="()"/>
      <xsl:variable name="least" select="if ($previous) then xs:integer($previous/@height) + $vp:chart?gap else 0"/>
      <xsl:variable name="to-scale" select="if ($previous/@day and @day)
          then xs:integer(round((xs:integer(@day) - xs:integer($previous/@day)) * $vp:chart?day)) else ()"/>
      <xsl:variable name="step" as="xs:string" select="
          if (empty($previous)) then 'first'
          else if (empty($to-scale)) then 'detached'
          else if ($to-scale gt $vp:chart?longest-step and $vp:chart?longest-step gt $least) then 'shortened'
          else 'to-scale'"/>
      <xsl:variable name="y" as="xs:integer" select="
          if ($step = 'first') then 10
          else xs:integer($previous/@y) + (
            if ($step = 'detached') then $least + 2 * $vp:chart?gap
            else if ($step = 'shortened') then $vp:chart?longest-step
            else max(($least, $to-scale)))"/>
      <xsl:variable name="placed" as="element(vp:row)">
        <vp:row y="{$y}" step="{$step}" n="{position()}">
          <xsl:sequence select="@*, node()"/>
        </vp:row>
      </xsl:variable>
      <xsl:sequence select="$placed"/>
      <xsl:next-iteration>
        <xsl:with-param name="previous" select="$placed"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:variable>

  <!-- Where a row's marker or tick sits. -->
  <xsl:function name="fp:row-anchor" as="xs:integer">
    <xsl:param name="row" as="element(vp:row)"/>
    <xsl:sequence select="xs:integer($row/@y) + (if ($row/@kind = 'year') then 20 else $vp:chart?marker-offset)"/>
  </xsl:function>

  <!-- The dated rows and their day numbers, which never decrease from top to bottom. -->
  <xsl:variable name="vp:dated-rows" as="element(vp:row)*" select="$vp:placed-rows[@day]"/>
  <xsl:variable name="vp:dated-days" as="xs:integer*" select="$vp:dated-rows ! xs:integer(@day)"/>

  <!-- How many dated rows stand for a day up to $day, known to lie between $low and $high:
       a binary search, so that placing a date costs log(rows), not rows. -->
  <xsl:function name="fp:rows-up-to" as="xs:integer">
    <xsl:param name="day" as="xs:integer"/>
    <xsl:param name="low" as="xs:integer"/>
    <xsl:param name="high" as="xs:integer"/>
    <xsl:variable name="middle" select="($low + $high + 1) idiv 2"/>
    <xsl:sequence select="
        if ($low ge $high) then $low
        else if ($vp:dated-days[$middle] le $day) then fp:rows-up-to($day, $middle, $high)
        else fp:rows-up-to($day, $low, $middle - 1)"/>
  </xsl:function>

  <!-- The y coordinate of any day on the axis, interpolated between the dated rows around
       it (so the end of a span or a variant date falls where the axis says it should). -->
  <xsl:function name="fp:y-of-day" as="xs:integer">
    <xsl:param name="day" as="xs:integer"/>
    <xsl:variable name="up-to" select="fp:rows-up-to($day, 0, count($vp:dated-days))"/>
    <xsl:variable name="before" select="$vp:dated-rows[$up-to]"/>
    <xsl:variable name="after" select="$vp:dated-rows[$up-to + 1]"/>
    <xsl:sequence select="
        if ($before and $after) then
          xs:integer(round(fp:row-anchor($before) + (fp:row-anchor($after) - fp:row-anchor($before))
            * ($day - xs:integer($before/@day)) div (xs:integer($after/@day) - xs:integer($before/@day))))
        else if ($before) then
          fp:row-anchor($before) + xs:integer(round(($day - xs:integer($before/@day)) * $vp:chart?day))
        else fp:row-anchor($after)"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The page                                                  -->
  <!-- ======================================================= -->

  <xsl:template name="tp:chronology-page">
    <xsl:variable name="documents" select="$vp:chronology-items[@kind = 'document']"/>
    <xsl:variable name="events" select="$vp:chronology-items[@kind = 'event']"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page('chronology')"/>
      <xsl:with-param name="title" select="f:label('nav-chronology')"/>
      <xsl:with-param name="description" select="f:label('chronology-description', string($v:edition/@title))"/>
      <xsl:with-param name="scripts" select="'assets/chronology.js'"/>
      <xsl:with-param name="content">
        <h1>{f:label('nav-chronology')}</h1>
        <p><xsl:sequence select="f:label-nodes('chronology-introduction', (count($documents), count($events),
            fp:link(f:site-page('events'), f:label('index-name-events')), fp:link('#chronology-list', f:label('chronology-as-a-list'))))"/></p>
        <ul class="chronology-legend">
          <li><xsl:sequence select="fp:legend-symbol('document')"/> {f:label('chronology-legend-document')}</li>
          <li><xsl:sequence select="fp:legend-symbol('event')"/> {f:label('chronology-legend-event')}</li>
          <xsl:if test="$vp:chronology-items[@span = 'from-to']">
            <li><xsl:sequence select="fp:legend-symbol('span')"/> {f:label('chronology-legend-span')}</li>
          </xsl:if>
          <xsl:if test="$vp:chronology-items[@span = 'not-before-after']">
            <li><xsl:sequence select="fp:legend-symbol('uncertain-span')"/> {f:label('chronology-legend-uncertain-span')}</li>
          </xsl:if>
          <xsl:if test="$vp:chronology-items/vp:variant">
            <li><xsl:sequence select="fp:legend-symbol('variant')"/> {f:label('chronology-legend-variant')}</li>
          </xsl:if>
        </ul>
        <xsl:call-template name="tp:chronology-filter"/>
        <div class="chronology-chart">
          <xsl:call-template name="tp:chronology-svg"/>
        </div>
        <xsl:call-template name="tp:chronology-list"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The filters and the zoom to a year, which assets/chronology.js applies to the drawing
       and the list (keeping its choice in the address, ?entity=…&type=…&year=…). Hidden
       until the script shows them, so that a reader without JavaScript meets no control
       that does nothing; the drawing and the list are complete without them. -->
  <xsl:template name="tp:chronology-filter">
    <xsl:variable name="items" select="$vp:chronology-items"/>
    <form class="chronology-filter" id="chronology-filter" hidden="hidden"
        data-labels="{fp:chronology-script-labels(('chronology-js-status', 'chronology-js-none'))}">
      <fieldset>
        <legend>{f:label('chronology-filter-legend')}</legend>
        <div class="chronology-filter-field">
          <label for="chronology-entity">{f:label('chronology-filter-entity')}</label>
          <select id="chronology-entity" name="entity">
            <option value="">{f:label('chronology-filter-entity-all')}</option>
            <xsl:for-each-group select="$vp:chronology-filter-entries" group-adjacent="f:index-of(.)">
              <optgroup label="{f:label('index-' || current-grouping-key())}">
                <xsl:for-each select="current-group()">
                  <xsl:variable name="id" select="string(@xml:id)"/>
                  <option value="{$id}" data-n="{$vp:chronology-entity-number($id)}">{f:label('chronology-filter-option',
                      (f:entry-name(.), string($vp:chronology-entity-counts($id))))}</option>
                </xsl:for-each>
              </optgroup>
            </xsl:for-each-group>
          </select>
        </div>
        <div class="chronology-filter-field">
          <label for="chronology-type">{f:label('chronology-filter-type')}</label>
          <select id="chronology-type" name="type">
            <option value="">{f:label('chronology-filter-type-all')}</option>
            <xsl:if test="$items[@kind = 'event']">
              <option value="event">{f:label('chronology-filter-type-events')}</option>
            </xsl:if>
            <xsl:for-each-group select="$items[@kind = 'document']" group-by="fp:chronology-type(.)">
              <xsl:sort select="f:type-label(@type)"/>
              <option value="{current-grouping-key()}">{f:label('chronology-filter-option', (f:type-label(@type), string(count(current-group()))))}</option>
            </xsl:for-each-group>
          </select>
        </div>
        <div class="chronology-filter-field">
          <label for="chronology-year">{f:label('chronology-filter-year')}</label>
          <select id="chronology-year" name="year">
            <option value="">{f:label('chronology-filter-year-all')}</option>
            <xsl:for-each select="distinct-values($items[@iso]/substring(@iso, 1, 4))">
              <option value="{.}">{.}</option>
            </xsl:for-each>
          </select>
        </div>
        <button type="button" id="chronology-reset">{f:label('chronology-filter-reset')}</button>
      </fieldset>
      <p class="chronology-filter-status" id="chronology-status" role="status"></p>
    </form>
  </xsl:template>

  <!-- How many items name each entry, by its id. -->
  <xsl:variable name="vp:chronology-entity-counts" as="map(xs:string, xs:integer)">
    <xsl:map>
      <xsl:for-each-group select="$vp:chronology-items" group-by="tokenize(@entities)">
        <xsl:map-entry key="current-grouping-key()" select="count(current-group())"/>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <!-- The entries the items name, as the filter offers them: index by index (persons,
       places, organisations, events), each in the order of its index. -->
  <xsl:variable name="vp:chronology-filter-entries" as="element()*">
    <xsl:variable name="named" select="map:keys($vp:chronology-entity-counts) ! f:register-entry(.)"/>
    <xsl:for-each select="$v:indices">
      <xsl:variable name="index" select="."/>
      <xsl:perform-sort select="$named[f:index-of(.) = $index]">
        <xsl:sort select="f:index-sort-key(.)"/>
        <xsl:sort select="string(@xml:id)"/>
      </xsl:perform-sort>
    </xsl:for-each>
  </xsl:variable>

  <!-- The number of each of those entries (1, 2...): an entry of the drawing names the
       entries by number (data-entities), which keeps a page of ten thousand documents
       small; the filter's options carry the same numbers (data-n). -->
  <xsl:variable name="vp:chronology-entity-number" as="map(xs:string, xs:integer)" select="map:merge(
      for $position in 1 to count($vp:chronology-filter-entries)
      return map { string($vp:chronology-filter-entries[$position]/@xml:id): $position })"/>

  <!-- What the type filter calls an item: "event", a document's type, "-" for none. -->
  <xsl:function name="fp:chronology-type" as="xs:string">
    <xsl:param name="item" as="element(vp:item)"/>
    <xsl:sequence select="if ($item/@kind = 'event') then 'event' else (normalize-space($item/@type)[. != ''], '-')[1]"/>
  </xsl:function>

  <!-- The words a script writes, as a JSON object of label keys and labels, in the order
       given: the script has no label table of its own. -->
  <xsl:function name="fp:chronology-script-labels" as="xs:string">
    <xsl:param name="keys" as="xs:string+"/>
    <xsl:sequence select="'{' || string-join($keys ! (serialize(., map {'method': 'json'}) || ':'
        || serialize(f:label(.), map {'method': 'json'})), ',') || '}'"/>
  </xsl:function>

  <!-- A link: its address and its words. -->
  <xsl:function name="fp:link" as="element()">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <a href="{$href}">{$text}</a>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The drawing                                               -->
  <!-- ======================================================= -->

  <xsl:template name="tp:chronology-svg">
    <xsl:variable name="rows" select="$vp:placed-rows"/>
    <xsl:variable name="height" select="if ($rows) then xs:integer($rows[last()]/@y) + xs:integer($rows[last()]/@height) + 20 else 60"/>
    <xsl:variable name="items" select="$vp:chronology-items"/>
    <xsl:variable name="dated-items" select="$items[@start]"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="chronology-svg" width="100%"
        viewBox="0 0 {$vp:chart?width} {$height}"
        aria-labelledby="chronology-svg-title" aria-describedby="chronology-svg-desc"
        font-size="{$vp:chart?font-size}" font-family="sans-serif"
        data-day="{$vp:chart?day}" data-longest-step="{$vp:chart?longest-step}" data-gap="{$vp:chart?gap}"
        data-marker-offset="{$vp:chart?marker-offset}" data-axis-x="{$vp:chart?axis-x}">
      <title id="chronology-svg-title">{
        if ($dated-items) then f:label('chronology-svg-title-years', ($dated-items[1], $dated-items[last()]) ! substring(@iso, 1, 4))
        else f:label('chronology-svg-title')}</title>
      <desc id="chronology-svg-desc">{string-join((
        f:label('chronology-svg-direction'),
        f:label('chronology-svg-markers', (count($items[@kind = 'document']), count($items[@kind = 'event']))),
        f:label('chronology-svg-variants')[$items/vp:variant],
        f:label('chronology-svg-links')), ' ')}</desc>

      <!-- The axis, one segment between each pair of dated rows: solid where drawn to scale,
           dotted where a long stretch is shortened. -->
      <g class="chronology-axis" stroke="#555" stroke-width="3">
        <xsl:variable name="dated" select="$rows[@day]"/>
        <xsl:for-each select="2 to count($dated)">
          <xsl:variable name="row" select="$dated[current()]"/>
          <line x1="{$vp:chart?axis-x}" x2="{$vp:chart?axis-x}"
              y1="{fp:row-anchor($dated[current() - 1])}" y2="{fp:row-anchor($row)}">
            <xsl:if test="$row/@step = 'shortened'">
              <xsl:attribute name="class" select="'chronology-axis-shortened'"/>
              <xsl:attribute name="stroke-dasharray" select="'2 8'"/>
              <xsl:attribute name="stroke-linecap" select="'round'"/>
            </xsl:if>
          </line>
        </xsl:for-each>
      </g>

      <!-- Years: a tick on the axis and the year in bold. -->
      <g class="chronology-years" fill="{$vp:chart?text-colour}">
        <xsl:for-each select="$rows[@kind = 'year']">
          <g class="chronology-year" data-row="{@n}" data-kind="year" data-y="{@y}" data-height="{@height}"
              data-day="{@day}" data-year="{@day ! string(current()/@label)}">
            <xsl:if test="@day">
              <line x1="{$vp:chart?axis-x - 14}" x2="{$vp:chart?axis-x + 14}"
                  y1="{fp:row-anchor(.)}" y2="{fp:row-anchor(.)}" stroke="#555" stroke-width="3"/>
            </xsl:if>
            <text x="{$vp:chart?label-x}" y="{xs:integer(@y) + 30}" font-size="28" font-weight="bold">{@label}</text>
          </g>
        </xsl:for-each>
      </g>

      <!-- Spans first, so that the markers of other items stay visible on top of them. A span
           known only to lie between two dates (notBefore/notAfter) is an outline. An event's
           span is its marker; a document with a span keeps its circle as well. -->
      <g class="chronology-spans">
        <xsl:for-each select="$rows ! vp:item[@end]">
          <xsl:variable name="top" select="fp:row-anchor(..)"/>
          <xsl:variable name="bottom" select="max(($top + 12, fp:y-of-day(xs:integer(@end))))"/>
          <xsl:variable name="colour" select="if (@kind = 'document') then $vp:chart?document-colour else $vp:chart?event-colour"/>
          <rect class="marker marker-span marker-span-{@span} marker-span-{@kind}" data-row="{../@n}" data-end="{@end}"
              x="{$vp:chart?axis-x - 7}" y="{$top - 7}"
              width="14" height="{$bottom - $top + 14}" rx="4"
              fill="{if (@span = 'from-to') then $colour else '#ffffff'}"
              stroke="{$colour}" stroke-width="3">
            <xsl:if test="@span = 'not-before-after'">
              <xsl:attribute name="stroke-dasharray" select="'6 4'"/>
            </xsl:if>
          </rect>
        </xsl:for-each>
      </g>

      <!-- Disputed dates: a dashed arc left of the axis from the adopted date to a hollow
           circle at the date the other source gives. -->
      <g class="chronology-variants">
        <xsl:for-each select="$rows ! vp:item ! vp:variant">
          <xsl:variable name="from" select="fp:row-anchor(../..)"/>
          <!-- At least a marker's breadth away, so that a variant a few days off stays visible;
               the label gives the exact date. -->
          <xsl:variable name="at" select="fp:y-of-day(xs:integer(@day))"/>
          <xsl:variable name="to" select="if (xs:integer(@day) ge xs:integer(../@start)) then max(($at, $from + 28)) else min(($at, $from - 28))"/>
          <xsl:variable name="bend" select="$vp:chart?axis-x - 30"/>
          <g class="chronology-variant" data-row="{../../@n}" data-day="{@day}" data-start="{../@start}">
            <path class="variant-link" fill="none" stroke="{$vp:chart?document-colour}" stroke-width="2.5"
                stroke-dasharray="5 4"
                d="M {$vp:chart?axis-x - 9} {$from} C {$bend} {$from}, {$bend} {$to}, {$vp:chart?axis-x - 9} {$to}"/>
            <circle class="marker marker-variant" cx="{$vp:chart?axis-x}" cy="{$to}" r="8"
                fill="#ffffff" stroke="{$vp:chart?document-colour}" stroke-width="3"/>
          </g>
        </xsl:for-each>
      </g>

      <!-- The entries: marker and linked label. -->
      <g class="chronology-entries">
        <xsl:for-each select="$rows ! vp:item">
          <xsl:variable name="top" select="xs:integer(../@y)"/>
          <xsl:variable name="anchor" select="fp:row-anchor(..)"/>
          <g class="chronology-entry chronology-{@kind}{if (vp:variant) then ' chronology-disputed' else ''}"
              data-row="{../@n}" data-kind="item" data-y="{../@y}" data-height="{../@height}" data-day="{@start}"
              data-year="{substring(@iso, 1, 4)}" data-type="{fp:chronology-type(.)}"
              data-entities="{tokenize(@entities) ! $vp:chronology-entity-number(.)}">
            <xsl:choose>
              <xsl:when test="@end and @kind = 'event'"/>
              <xsl:when test="@kind = 'document'">
                <circle class="marker marker-document" cx="{$vp:chart?axis-x}" cy="{$anchor}" r="9"
                    fill="{$vp:chart?document-colour}"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:variable name="x" select="$vp:chart?axis-x"/>
                <polygon class="marker marker-event" fill="{$vp:chart?event-colour}"
                    points="{$x},{$anchor - 11} {$x + 11},{$anchor} {$x},{$anchor + 11} {$x - 11},{$anchor}"/>
              </xsl:otherwise>
            </xsl:choose>
            <a href="{@href}">
              <text x="{$vp:chart?label-x}" y="{$top + 23}" fill="{$vp:chart?text-colour}">
                <xsl:for-each select="../vp:line">
                  <tspan x="{$vp:chart?label-x}" y="{$top + 23 + (position() - 1) * $vp:chart?line-height}" class="{@class}">
                    <xsl:choose>
                      <xsl:when test="@class = 'chronology-date'">
                        <xsl:attribute name="font-weight" select="'bold'"/>
                      </xsl:when>
                      <xsl:when test="@class = 'chronology-label'">
                        <xsl:attribute name="fill" select="$vp:chart?link-colour"/>
                        <xsl:attribute name="text-decoration" select="'underline'"/>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:attribute name="font-style" select="'italic'"/>
                      </xsl:otherwise>
                    </xsl:choose>
                    <xsl:value-of select="."/>
                  </tspan>
                </xsl:for-each>
              </text>
            </a>
          </g>
        </xsl:for-each>
      </g>
    </svg>
  </xsl:template>

  <!-- A small drawing of each kind of marker, for the legend. -->
  <xsl:function name="fp:legend-symbol" as="element()">
    <xsl:param name="kind" as="xs:string"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="chronology-symbol" width="24" height="24" viewBox="0 0 24 24"
        aria-hidden="true" focusable="false">
      <xsl:choose>
        <xsl:when test="$kind = 'document'">
          <circle cx="12" cy="12" r="8" fill="{$vp:chart?document-colour}"/>
        </xsl:when>
        <xsl:when test="$kind = 'event'">
          <polygon points="12,2 22,12 12,22 2,12" fill="{$vp:chart?event-colour}"/>
        </xsl:when>
        <xsl:when test="$kind = 'span'">
          <rect x="6" y="1" width="12" height="22" rx="4" fill="{$vp:chart?event-colour}"/>
        </xsl:when>
        <xsl:when test="$kind = 'uncertain-span'">
          <rect x="7" y="2" width="10" height="20" rx="3" fill="#ffffff" stroke="{$vp:chart?event-colour}"
              stroke-width="2.5" stroke-dasharray="5 3"/>
        </xsl:when>
        <xsl:otherwise>
          <circle cx="12" cy="12" r="7" fill="#ffffff" stroke="{$vp:chart?document-colour}" stroke-width="3"/>
        </xsl:otherwise>
      </xsl:choose>
    </svg>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The same chronology as a list                             -->
  <!-- ======================================================= -->

  <xsl:template name="tp:chronology-list">
    <section class="chronology-list" id="chronology-list" aria-labelledby="chronology-list-heading">
      <h2 id="chronology-list-heading">{f:label('chronology-list-heading')}</h2>
      <xsl:for-each-group select="$vp:chronology-items" group-adjacent="(substring(@iso, 1, 4)[. != ''], 'undated')[1]">
        <xsl:variable name="year" select="current-grouping-key()"/>
        <h3 id="chronology-{$year}">{if ($year = 'undated') then f:label('chronology-undated') else $year}</h3>
        <ol>
          <xsl:for-each select="current-group()">
            <li class="chronology-{@kind}{if (vp:variant) then ' chronology-disputed' else ''}">
              <span class="chronology-kind">{f:label('chronology-kind-' || @kind)}: </span>
              <xsl:choose>
                <xsl:when test="@iso"><time datetime="{@iso}">{@date}</time></xsl:when>
                <xsl:otherwise>{@date}</xsl:otherwise>
              </xsl:choose>
              <xsl:text>, </xsl:text>
              <a href="{@href}">{f:numbered-title(@number, @label, false())}</a>
              <xsl:for-each select="vp:variant">
                <xsl:variable name="time" as="element()"><time datetime="{@iso}">{@date}</time></xsl:variable>
                <span class="variant-date"> (<xsl:sequence select="f:label-nodes('chronology-list-variant', $time)"/>
                  {@according-to})</span>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ol>
      </xsl:for-each-group>
    </section>
  </xsl:template>

</xsl:stylesheet>
