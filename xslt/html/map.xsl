<?xml version="1.0" encoding="UTF-8"?>
<!--
  map.xsl: the map page of the web edition (map.html). Included by site.xsl, which provides
  the page shell (tp:page).

  The places of the index that have coordinates (location/geo, "latitude longitude" in
  decimal degrees), drawn as inline SVG at build time from the coordinates alone: no tiles,
  no coastlines, nothing fetched, nothing run in the browser. An equirectangular projection
  fitted to the places' bounding box, its east-west scale corrected at the middle latitude;
  a graticule for orientation. Each place is a circle linked to its entry, its area
  proportional to the number of documents that name it; each pair of places of sending and
  receiving is a curved arrow whose thickness grows with the number of documents sent
  between them. The same facts follow as two tables, for screen readers and for anyone who
  prefers to read. The private names carry "map-" (see chronology.xsl on why the modules
  of site.xsl share their private namespaces).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:math="http://www.w3.org/2005/xpath-functions/math"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The drawing's geometry and colours, in SVG user units. The drawing is as wide as the
       page allows (up to the CSS's .map-chart), so these are proportions: text of 24 units
       in 600 is 14 CSS pixels in a drawing 350 pixels wide, a phone's; edition.css makes it
       smaller on wider screens, where the labels keep the places the phone size found.
       - margin: between the outermost places and the edge, room for circles and labels;
       - aspect: the least and most height for a width of 1 (a region wider or taller is
         shown with more of the land around it, so that labels have room on a phone);
       - radius: of a place named by no document, and of the place named by the most;
       - stroke: the thinnest and thickest line;
       - listed: how many documents a line's tooltip and table row name (the rest are
         counted), so that a line of thousands of documents stays a line. -->
  <xsl:variable name="vp:map" as="map(xs:string, item())" select="map {
      'width': 600, 'margin': 56, 'least-aspect': 0.55e0, 'most-aspect': 1.0e0,
      'font-size': 24, 'grid-font-size': 20, 'least-radius': 7, 'most-radius': 26,
      'least-stroke': 3.5e0, 'most-stroke': 11.0e0, 'listed': 20,
      'place-colour': '#1f4e8c', 'line-colour': '#a33a00', 'grid-colour': '#c9c2b4',
      'text-colour': '#1a1a1a', 'grid-text-colour': '#55504a', 'land-colour': '#f1f4f7' }"/>

  <!-- ======================================================= -->
  <!-- The places and the lines                                  -->
  <!-- ======================================================= -->

  <!-- The documents (or their records) by the id of each entry they name, in the text or
       the header, as the index counts them. -->
  <xsl:variable name="vp:map-documents-of" as="map(xs:string, element(tei:TEI)*)">
    <xsl:map>
      <xsl:for-each-group select="$v:documents-in-order" group-by="distinct-values(fp:map-named-ids(.))">
        <xsl:map-entry key="current-grouping-key()" select="current-group()"/>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="fp:map-named-ids" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if ($tei/parent::c:record)
        then ($tei/../c:mention/@id ! string(.), tokenize($tei/../c:header-mentions))
        else ($tei/tei:text//*[@ref or @key] | $tei/tei:teiHeader//*[@ref or @key]) ! f:pointed-ids(.)"/>
  </xsl:function>

  <!-- The latitude and longitude of a place, when its first geo holds two numbers in range
       ("44.43 26.10", or with a comma); none otherwise (the place is listed as unmapped). -->
  <xsl:function name="fp:map-coordinates" as="xs:double*">
    <xsl:param name="place" as="element()"/>
    <xsl:variable name="parts" select="tokenize(normalize-space(($place/tei:location/tei:geo)[1]), '[\s,]+')"/>
    <xsl:variable name="numbers" select="$parts[. castable as xs:double] ! xs:double(.)"/>
    <xsl:sequence select="if (count($parts) = 2 and count($numbers) = 2
        and abs($numbers[1]) le 90 and abs($numbers[2]) le 180) then $numbers else ()"/>
  </xsl:function>

  <!-- One vp:place per place with coordinates, the most named first: id, name, href (as a
       pointer to it leads, f:href), lat, lon, count (documents naming it), uncertain (the
       location or its geo carries a @cert below high) and radius. -->
  <xsl:variable name="vp:map-places" as="element(vp:place)*">
    <xsl:variable name="places" select="f:index-entries('places')[exists(fp:map-coordinates(.))]"/>
    <xsl:variable name="counts" select="$places ! count($vp:map-documents-of(string(@xml:id)))"/>
    <xsl:variable name="most" select="max((1, $counts))"/>
    <xsl:variable name="unsorted" as="element(vp:place)*">
      <xsl:for-each select="$places">
        <xsl:variable name="position" select="position()"/>
        <xsl:variable name="coordinates" select="fp:map-coordinates(.)"/>
        <xsl:variable name="least" select="$vp:map?least-radius"/>
        <vp:place id="{@xml:id}" name="{f:entry-name(.)}" href="{f:href('#' || @xml:id, .)}"
            lat="{$coordinates[1]}" lon="{$coordinates[2]}" count="{$counts[$position]}"
            uncertain="{exists(tei:location/(., tei:geo)/@cert[f:certainty(..)])}"
            radius="{round(math:sqrt($least * $least + ($vp:map?most-radius * $vp:map?most-radius - $least * $least)
                * $counts[$position] div $most), 1)}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:perform-sort select="$unsorted">
      <xsl:sort select="xs:integer(@count)" order="descending"/>
      <xsl:sort select="lower-case(@name)"/>
      <xsl:sort select="@id"/>
    </xsl:perform-sort>
  </xsl:variable>

  <!-- One vp:line per place of sending, place of receiving and certainty, the most
       documents first: from and to (ids), uncertain (either place is identified with a
       @cert below high), count, stroke, and a vp:document per document, in date order. -->
  <xsl:variable name="vp:map-lines" as="element(vp:line)*">
    <xsl:variable name="mapped" select="$vp:map-places/@id ! string(.)"/>
    <xsl:variable name="pairs" as="element(vp:pair)*">
      <xsl:for-each select="$v:documents-in-order">
        <xsl:variable name="tei" select="."/>
        <xsl:for-each select="f:places(., 'sent')[f:entry(.)/@xml:id = $mapped]">
          <xsl:variable name="from" select="."/>
          <xsl:for-each select="f:places($tei, 'received')[f:entry(.)/@xml:id = $mapped]">
            <xsl:variable name="ids" select="($from, .) ! string(f:entry(.)/@xml:id)"/>
            <xsl:if test="$ids[1] != $ids[2]">
              <vp:pair from="{$ids[1]}" to="{$ids[2]}" uncertain="{exists(($from, .)[f:certainty(.)])}"
                  stem="{f:stem($tei)}" label="{f:document-label($tei)}" title="{f:short-title($tei)}"/>
            </xsl:if>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="lines" as="element(vp:line)*">
      <xsl:for-each-group select="$pairs" group-by="@from || ' ' || @to || ' ' || @uncertain">
        <vp:line from="{@from}" to="{@to}" uncertain="{@uncertain}"
            count="{count(distinct-values(current-group()/@stem))}">
          <xsl:for-each-group select="current-group()" group-by="@stem">
            <vp:document stem="{@stem}" label="{@label}" title="{@title}"/>
          </xsl:for-each-group>
        </vp:line>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="most" select="max((1, $lines/@count ! xs:integer(.)))"/>
    <xsl:variable name="sorted" as="element(vp:line)*">
      <xsl:perform-sort select="$lines">
        <xsl:sort select="xs:integer(@count)" order="descending"/>
        <xsl:sort select="@from"/>
        <xsl:sort select="@to"/>
        <xsl:sort select="@uncertain"/>
      </xsl:perform-sort>
    </xsl:variable>
    <!-- Each line bends to its right, so that the two directions between two places part;
         a second line the same way (of the other certainty) bends further. -->
    <xsl:for-each select="$sorted">
      <xsl:variable name="position" select="position()"/>
      <vp:line stroke="{round($vp:map?least-stroke + ($vp:map?most-stroke - $vp:map?least-stroke)
          * (xs:integer(@count) - 1) div max((1, $most - 1)), 1)}"
          bend="{0.16 * (count($sorted[position() lt $position][@from = current()/@from][@to = current()/@to]) + 1)}">
        <xsl:sequence select="@*, node()"/>
      </vp:line>
    </xsl:for-each>
  </xsl:variable>

  <!-- ======================================================= -->
  <!-- The projection                                            -->
  <!-- ======================================================= -->

  <!-- The frame: the bounding box of the places (at least two degrees each way), widened
       to the aspect allowed, and the scale that fits it into the drawing. x grows with the
       longitude times the cosine of the middle latitude, y falls with the latitude. -->
  <xsl:variable name="vp:map-frame" as="map(xs:string, xs:double)?">
    <xsl:if test="$vp:map-places">
      <xsl:variable name="lats" select="$vp:map-places/@lat ! xs:double(.)"/>
      <xsl:variable name="lons" select="$vp:map-places/@lon ! xs:double(.)"/>
      <xsl:variable name="middle-lat" select="(min($lats) + max($lats)) div 2"/>
      <xsl:variable name="middle-lon" select="(min($lons) + max($lons)) div 2"/>
      <xsl:variable name="k" select="max((0.2e0, math:cos($middle-lat * math:pi() div 180)))"/>
      <xsl:variable name="span-x" select="max((2, max($lons) - min($lons))) * $k"/>
      <xsl:variable name="span-y" select="max((2, max($lats) - min($lats)))"/>
      <xsl:variable name="inner" select="$vp:map?width - 2 * $vp:map?margin"/>
      <xsl:variable name="wide" select="max(($span-x, $span-y div $vp:map?most-aspect))"/>
      <xsl:variable name="high" select="max(($span-y, $span-x * $vp:map?least-aspect))"/>
      <xsl:variable name="scale" select="$inner div $wide"/>
      <xsl:sequence select="map {
          'k': $k, 'scale': $scale,
          'west': $middle-lon - $wide div $k div 2, 'east': $middle-lon + $wide div $k div 2,
          'north': $middle-lat + $high div 2, 'south': $middle-lat - $high div 2,
          'height': round($high * $scale + 2 * $vp:map?margin) }"/>
    </xsl:if>
  </xsl:variable>

  <xsl:function name="fp:map-x" as="xs:double">
    <xsl:param name="lon" as="xs:double"/>
    <xsl:sequence select="round($vp:map?margin + ($lon - $vp:map-frame?west) * $vp:map-frame?k * $vp:map-frame?scale, 1)"/>
  </xsl:function>

  <xsl:function name="fp:map-y" as="xs:double">
    <xsl:param name="lat" as="xs:double"/>
    <xsl:sequence select="round($vp:map?margin + ($vp:map-frame?north - $lat) * $vp:map-frame?scale, 1)"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Labels that do not collide                                -->
  <!-- ======================================================= -->

  <!-- Each place's label, placed in turn, the most named first: the first of eight positions
       around its circle (right, left, above, below, then the corners) whose box stays in
       the drawing and overlaps no circle, no line and no label placed before; failing that,
       the one that overlaps least. A vp:label has id, x, y, anchor (start, middle, end) and its box
       (left, top, right, bottom). Widths are estimated as for the chronology's labels. -->
  <xsl:variable name="vp:map-labels" as="element(vp:label)*">
    <xsl:variable name="circles" as="map(xs:string, xs:double)*" select="$vp:map-places ! (
        let $x := fp:map-x(xs:double(@lon)), $y := fp:map-y(xs:double(@lat)), $r := xs:double(@radius)
        return map { 'left': $x - $r, 'top': $y - $r, 'right': $x + $r, 'bottom': $y + $r })"/>
    <xsl:variable name="lines" select="$vp:map-lines ! fp:map-arc-boxes(.)"/>
    <xsl:iterate select="$vp:map-places">
      <xsl:param name="placed" as="element(vp:label)*" select="()"/>
      <xsl:on-completion select="$placed"/>
      <xsl:variable name="position" select="position()"/>
      <xsl:variable name="candidates" select="fp:map-label-candidates(.)"/>
      <xsl:variable name="others" select="($circles[position() != $position], $lines,
          $placed ! map { 'left': xs:double(@left), 'top': xs:double(@top), 'right': xs:double(@right), 'bottom': xs:double(@bottom) })"/>
      <xsl:variable name="costs" select="$candidates ! fp:map-label-cost(., $others)"/>
      <xsl:variable name="best" select="$candidates[index-of($costs, min($costs))[1]]"/>
      <xsl:variable name="label" as="element(vp:label)">
        <vp:label id="{@id}">
          <xsl:for-each select="sort(map:keys($best))">
            <xsl:attribute name="{.}" select="$best(current())"/>
          </xsl:for-each>
        </vp:label>
      </xsl:variable>
      <xsl:next-iteration>
        <xsl:with-param name="placed" select="$placed, $label"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:variable>

  <xsl:function name="fp:map-label-candidates" as="map(xs:string, item())*">
    <xsl:param name="place" as="element(vp:place)"/>
    <xsl:variable name="x" select="fp:map-x(xs:double($place/@lon))"/>
    <xsl:variable name="y" select="fp:map-y(xs:double($place/@lat))"/>
    <xsl:variable name="r" select="xs:double($place/@radius) + 4"/>
    <xsl:variable name="size" select="$vp:map?font-size"/>
    <xsl:variable name="width" select="fp:text-width(string($place/@name)) * $size div 100"/>
    <!-- The baseline lies a third of the size below the middle of a line. -->
    <xsl:variable name="middle" select="$y + $size * 0.35"/>
    <xsl:variable name="diagonal" select="$r * 0.7"/>
    <xsl:sequence select="
        fp:map-label-box($x + $r, $middle, 'start', $width),
        fp:map-label-box($x - $r, $middle, 'end', $width),
        fp:map-label-box($x, $y - $r - $size * 0.25, 'middle', $width),
        fp:map-label-box($x, $y + $r + $size * 0.8, 'middle', $width),
        fp:map-label-box($x + $diagonal, $y - $diagonal - $size * 0.2, 'start', $width),
        fp:map-label-box($x - $diagonal, $y - $diagonal - $size * 0.2, 'end', $width),
        fp:map-label-box($x + $diagonal, $y + $diagonal + $size * 0.75, 'start', $width),
        fp:map-label-box($x - $diagonal, $y + $diagonal + $size * 0.75, 'end', $width)"/>
  </xsl:function>

  <!-- A label at ($x, baseline $y) with its text anchor, and the box its text covers. -->
  <xsl:function name="fp:map-label-box" as="map(xs:string, item())">
    <xsl:param name="x" as="xs:double"/>
    <xsl:param name="y" as="xs:double"/>
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:param name="width" as="xs:double"/>
    <xsl:variable name="left" select="if ($anchor = 'start') then $x else if ($anchor = 'end') then $x - $width else $x - $width div 2"/>
    <xsl:sequence select="map {
        'x': round($x, 1), 'y': round($y, 1), 'anchor': $anchor,
        'left': round($left, 1), 'right': round($left + $width, 1),
        'top': round($y - $vp:map?font-size * 0.8, 1), 'bottom': round($y + $vp:map?font-size * 0.25, 1) }"/>
  </xsl:function>

  <!-- How bad a label's place is: any part outside the drawing costs most, then the area it
       shares with circles and labels placed before. -->
  <xsl:function name="fp:map-label-cost" as="xs:double">
    <xsl:param name="box" as="map(xs:string, item())"/>
    <xsl:param name="others" as="map(xs:string, xs:double)*"/>
    <xsl:variable name="outside" select="$box?left lt 2 or $box?right gt $vp:map?width - 2
        or $box?top lt 2 or $box?bottom gt $vp:map-frame?height - 2"/>
    <xsl:sequence select="(if ($outside) then 1e9 else 0) + sum($others ! (
        max((0, min(($box?right, ?right)) - max(($box?left, ?left))))
        * max((0, min(($box?bottom, ?bottom)) - max(($box?top, ?top))))))"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The page                                                  -->
  <!-- ======================================================= -->

  <xsl:template name="tp:map-page">
    <xsl:variable name="all" select="f:index-entries('places')"/>
    <xsl:variable name="unmapped" select="$all[not(@xml:id = $vp:map-places/@id)]"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page('map')"/>
      <xsl:with-param name="title" select="f:label('nav-map')"/>
      <xsl:with-param name="description" select="f:label('map-description', string($v:edition/@title))"/>
      <xsl:with-param name="content">
        <h1>{f:label('nav-map')}</h1>
        <xsl:choose>
          <xsl:when test="empty($vp:map-places)">
            <p class="map-none">{f:label('map-no-coordinates', count($all))}</p>
          </xsl:when>
          <xsl:otherwise>
            <p>{f:label('map-introduction', count($vp:map-places))}
              <xsl:if test="$vp:map-lines">{' ' || f:label('map-introduction-lines')}</xsl:if>
              <xsl:text> </xsl:text>
              <xsl:sequence select="f:label-nodes('map-introduction-tables', fp:link('#map-tables', f:label('map-as-tables')))"/></p>
            <xsl:if test="$unmapped">
              <p class="map-unmapped">{f:label('map-unmapped', (count($unmapped),
                  string-join($unmapped ! f:entry-name(.), f:label('map-list-separator'))))}</p>
            </xsl:if>
            <xsl:call-template name="tp:map-legend"/>
            <div class="map-chart">
              <xsl:call-template name="tp:map-svg"/>
            </div>
            <xsl:call-template name="tp:map-tables"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tp:map-legend">
    <ul class="map-legend chronology-legend">
      <li><xsl:sequence select="fp:map-legend-symbol('place')"/> {f:label('map-legend-place')}</li>
      <xsl:if test="$vp:map-places[@uncertain = 'true']">
        <li><xsl:sequence select="fp:map-legend-symbol('uncertain-place')"/> {f:label('map-legend-uncertain-place')}</li>
      </xsl:if>
      <xsl:if test="$vp:map-lines">
        <li><xsl:sequence select="fp:map-legend-symbol('line')"/> {f:label('map-legend-line')}</li>
      </xsl:if>
      <xsl:if test="$vp:map-lines[@uncertain = 'true']">
        <li><xsl:sequence select="fp:map-legend-symbol('uncertain-line')"/> {f:label('map-legend-uncertain-line')}</li>
      </xsl:if>
    </ul>
  </xsl:template>

  <xsl:function name="fp:map-legend-symbol" as="element()">
    <xsl:param name="kind" as="xs:string"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="chronology-symbol" width="24" height="24" viewBox="0 0 24 24"
        aria-hidden="true" focusable="false">
      <xsl:choose>
        <xsl:when test="$kind = 'place'">
          <circle cx="12" cy="12" r="9" fill="{$vp:map?place-colour}" fill-opacity="0.85"/>
        </xsl:when>
        <xsl:when test="$kind = 'uncertain-place'">
          <circle cx="12" cy="12" r="8" fill="#ffffff" stroke="{$vp:map?place-colour}" stroke-width="2.5" stroke-dasharray="4 3"/>
        </xsl:when>
        <xsl:otherwise>
          <path d="M 2 16 Q 12 4 20 10" fill="none" stroke="{$vp:map?line-colour}" stroke-width="2.5">
            <xsl:if test="$kind = 'uncertain-line'">
              <xsl:attribute name="stroke-dasharray" select="'4 3'"/>
            </xsl:if>
          </path>
          <path d="M 22 12 L 15 12 L 20 5 z" fill="{$vp:map?line-colour}"/>
        </xsl:otherwise>
      </xsl:choose>
    </svg>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The drawing                                               -->
  <!-- ======================================================= -->

  <xsl:template name="tp:map-svg">
    <xsl:variable name="width" select="$vp:map?width"/>
    <xsl:variable name="height" select="$vp:map-frame?height"/>
    <svg xmlns="http://www.w3.org/2000/svg" class="map-svg" width="100%"
        viewBox="0 0 {$width} {$height}" aria-labelledby="map-svg-title" aria-describedby="map-svg-desc"
        font-size="{$vp:map?font-size}" font-family="sans-serif">
      <title id="map-svg-title">{f:label('map-svg-title', count($vp:map-places))}</title>
      <desc id="map-svg-desc">{string-join((
        f:label('map-svg-projection'),
        f:label('map-svg-lines', count($vp:map-lines))[$vp:map-lines],
        f:label('map-svg-links')), ' ')}</desc>
      <defs>
        <!-- An arrowhead as long as three strokes are wide, in the line's colour. -->
        <marker id="map-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="3.2" markerHeight="3.2"
            orient="auto" markerUnits="strokeWidth">
          <path d="M 0 0 L 10 5 L 0 10 z" fill="{$vp:map?line-colour}"/>
        </marker>
      </defs>
      <rect class="map-land" x="0" y="0" width="{$width}" height="{$height}" fill="{$vp:map?land-colour}"/>
      <xsl:call-template name="tp:map-graticule"/>

      <g class="map-lines" fill="none" stroke="{$vp:map?line-colour}">
        <xsl:for-each select="$vp:map-lines">
          <g class="map-line{if (@uncertain = 'true') then ' map-line-uncertain' else ''}"
              data-from="{@from}" data-to="{@to}" data-count="{@count}">
            <title>{fp:map-line-words(.)}</title>
            <path d="{fp:map-arc(.)}" stroke-width="{@stroke}" stroke-linecap="round"
                marker-end="url(#map-arrow)">
              <xsl:if test="@uncertain = 'true'">
                <xsl:attribute name="stroke-dasharray" select="string-join((2.5, 1.6) ! string(round(. * xs:double(current()/@stroke), 1)), ' ')"/>
              </xsl:if>
            </path>
          </g>
        </xsl:for-each>
      </g>

      <g class="map-places">
        <xsl:for-each select="$vp:map-places">
          <xsl:sort select="xs:double(@radius)" order="descending"/>
          <xsl:variable name="label" select="$vp:map-labels[@id = current()/@id]"/>
          <a href="{@href}" class="map-place{if (@uncertain = 'true') then ' map-place-uncertain' else ''}" data-place="{@id}">
            <title>{f:label('map-place-count', (string(@name), string(@count)))}</title>
            <circle cx="{fp:map-x(xs:double(@lon))}" cy="{fp:map-y(xs:double(@lat))}" r="{@radius}">
              <xsl:choose>
                <xsl:when test="@uncertain = 'true'">
                  <xsl:attribute name="fill" select="'#ffffff'"/>
                  <xsl:attribute name="fill-opacity" select="'0.7'"/>
                  <xsl:attribute name="stroke" select="$vp:map?place-colour"/>
                  <xsl:attribute name="stroke-width" select="'3'"/>
                  <xsl:attribute name="stroke-dasharray" select="'6 4'"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:attribute name="fill" select="$vp:map?place-colour"/>
                  <xsl:attribute name="fill-opacity" select="'0.85'"/>
                  <xsl:attribute name="stroke" select="'#ffffff'"/>
                  <xsl:attribute name="stroke-width" select="'2'"/>
                </xsl:otherwise>
              </xsl:choose>
            </circle>
            <!-- A halo of the land's colour keeps a label legible where it crosses a line. -->
            <text class="map-label" x="{$label/@x}" y="{$label/@y}" text-anchor="{$label/@anchor}"
                fill="{$vp:map?text-colour}" stroke="{$vp:map?land-colour}" stroke-width="5"
                stroke-linejoin="round" paint-order="stroke">{@name}</text>
          </a>
        </xsl:for-each>
      </g>
    </svg>
  </xsl:template>

  <!-- A line's quadratic curve from the edge of one circle to the edge of the other, bent
       to the right of its direction by its @bend times its length: the start, the control
       point and the end (x and y of each). -->
  <xsl:function name="fp:map-arc-points" as="xs:double+">
    <xsl:param name="line" as="element(vp:line)"/>
    <xsl:variable name="from" select="$vp:map-places[@id = $line/@from]"/>
    <xsl:variable name="to" select="$vp:map-places[@id = $line/@to]"/>
    <xsl:variable name="bend" select="xs:double($line/@bend)"/>
    <xsl:variable name="x1" select="fp:map-x(xs:double($from/@lon))"/>
    <xsl:variable name="y1" select="fp:map-y(xs:double($from/@lat))"/>
    <xsl:variable name="x2" select="fp:map-x(xs:double($to/@lon))"/>
    <xsl:variable name="y2" select="fp:map-y(xs:double($to/@lat))"/>
    <!-- The control point: the middle, moved along the right-hand normal (-dy, dx). -->
    <xsl:variable name="cx" select="round(($x1 + $x2) div 2 - ($y2 - $y1) * $bend, 1)"/>
    <xsl:variable name="cy" select="round(($y1 + $y2) div 2 + ($x2 - $x1) * $bend, 1)"/>
    <xsl:sequence select="fp:map-toward($x1, $y1, $cx, $cy, xs:double($from/@radius) + 3), $cx, $cy,
        fp:map-toward($x2, $y2, $cx, $cy, xs:double($to/@radius) + 4)"/>
  </xsl:function>

  <xsl:function name="fp:map-arc" as="xs:string">
    <xsl:param name="line" as="element(vp:line)"/>
    <xsl:variable name="points" select="fp:map-arc-points($line) ! string(.)"/>
    <xsl:sequence select="'M ' || string-join($points[position() le 2], ' ') || ' Q ' || string-join($points[position() gt 2], ' ')"/>
  </xsl:function>

  <!-- Small boxes along a line (its stroke wide), for labels to keep clear of it. -->
  <xsl:function name="fp:map-arc-boxes" as="map(xs:string, xs:double)*">
    <xsl:param name="line" as="element(vp:line)"/>
    <xsl:variable name="p" select="fp:map-arc-points($line)"/>
    <xsl:variable name="half" select="xs:double($line/@stroke) div 2 + 2"/>
    <xsl:for-each select="(1 to 19) ! (. div 20)">
      <xsl:variable name="x" select="(1 - .) * (1 - .) * $p[1] + 2 * (1 - .) * . * $p[3] + . * . * $p[5]"/>
      <xsl:variable name="y" select="(1 - .) * (1 - .) * $p[2] + 2 * (1 - .) * . * $p[4] + . * . * $p[6]"/>
      <xsl:sequence select="map { 'left': $x - $half, 'top': $y - $half, 'right': $x + $half, 'bottom': $y + $half }"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The point $distance from ($x, $y) toward ($tx, $ty), rounded. -->
  <xsl:function name="fp:map-toward" as="xs:double+">
    <xsl:param name="x" as="xs:double"/>
    <xsl:param name="y" as="xs:double"/>
    <xsl:param name="tx" as="xs:double"/>
    <xsl:param name="ty" as="xs:double"/>
    <xsl:param name="distance" as="xs:double"/>
    <xsl:variable name="length" select="max((1, math:sqrt(($tx - $x) * ($tx - $x) + ($ty - $y) * ($ty - $y))))"/>
    <xsl:sequence select="round($x + ($tx - $x) * $distance div $length, 1), round($y + ($ty - $y) * $distance div $length, 1)"/>
  </xsl:function>

  <!-- A line in words: from where to where, how many documents, which (the first few). -->
  <xsl:function name="fp:map-line-words" as="xs:string">
    <xsl:param name="line" as="element(vp:line)"/>
    <xsl:variable name="names" select="for $id in ($line/@from, $line/@to) return string($vp:map-places[@id = $id]/@name)"/>
    <xsl:variable name="listed" select="$line/vp:document[position() le $vp:map?listed] ! string(@label)"/>
    <xsl:variable name="more" select="count($line/vp:document) - count($listed)"/>
    <xsl:sequence select="string-join((
        f:label('map-line-title', ($names, string($line/@count))),
        f:label('map-line-uncertain')[$line/@uncertain = 'true'],
        string-join(($listed, f:label('map-line-more', string($more))[$more gt 0]), f:label('map-list-separator')) || '.'), ' ')"/>
  </xsl:function>

  <!-- Parallels and meridians at a round step that gives a few lines across the frame,
       labelled along the top and left edges. -->
  <xsl:template name="tp:map-graticule">
    <xsl:variable name="frame" select="$vp:map-frame"/>
    <xsl:variable name="lon-step" select="fp:map-grid-step($frame?east - $frame?west, 6)"/>
    <xsl:variable name="lat-step" select="fp:map-grid-step($frame?north - $frame?south, 4)"/>
    <xsl:variable name="meridians" select="(xs:integer(ceiling($frame?west div $lon-step)) to xs:integer(floor($frame?east div $lon-step))) ! (. * $lon-step)"/>
    <xsl:variable name="parallels" select="(xs:integer(ceiling($frame?south div $lat-step)) to xs:integer(floor($frame?north div $lat-step))) ! (. * $lat-step)"/>
    <g xmlns="http://www.w3.org/2000/svg" class="map-graticule" stroke="{$vp:map?grid-colour}" stroke-width="1.5" aria-hidden="true">
      <xsl:for-each select="$meridians[fp:map-x(.) gt 30 and fp:map-x(.) lt $vp:map?width - 30]">
        <line x1="{fp:map-x(.)}" x2="{fp:map-x(.)}" y1="0" y2="{$frame?height}"/>
      </xsl:for-each>
      <xsl:for-each select="$parallels[fp:map-y(.) gt 30 and fp:map-y(.) lt $frame?height - 10]">
        <line x1="0" x2="{$vp:map?width}" y1="{fp:map-y(.)}" y2="{fp:map-y(.)}"/>
      </xsl:for-each>
      <!-- A line's label is left out where a place or its label would cover it. -->
      <xsl:variable name="size" select="$vp:map?grid-font-size"/>
      <xsl:variable name="taken" select="$vp:map-labels ! map { 'left': xs:double(@left), 'top': xs:double(@top), 'right': xs:double(@right), 'bottom': xs:double(@bottom) },
          $vp:map-places ! (let $x := fp:map-x(xs:double(@lon)), $y := fp:map-y(xs:double(@lat)), $r := xs:double(@radius)
            return map { 'left': $x - $r, 'top': $y - $r, 'right': $x + $r, 'bottom': $y + $r })"/>
      <g class="map-grid-labels" stroke="none" fill="{$vp:map?grid-text-colour}" font-size="{$size}">
        <xsl:for-each select="$meridians[fp:map-x(.) gt 30 and fp:map-x(.) lt $vp:map?width - 30]">
          <xsl:variable name="words" select="f:label(if (. lt 0) then 'map-west' else 'map-east', string(abs(.)))"/>
          <xsl:variable name="box" select="fp:map-label-box(fp:map-x(.) + 4, $size + 4, 'start', fp:text-width($words) * $size div 100)"/>
          <xsl:if test="fp:map-label-cost($box, $taken) = 0">
            <text x="{$box?x}" y="{$box?y}">{$words}</text>
          </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="$parallels[fp:map-y(.) gt 30 and fp:map-y(.) lt $frame?height - 10]">
          <xsl:variable name="words" select="f:label(if (. lt 0) then 'map-south' else 'map-north', string(abs(.)))"/>
          <xsl:variable name="box" select="fp:map-label-box(4, fp:map-y(.) - 5, 'start', fp:text-width($words) * $size div 100)"/>
          <xsl:if test="fp:map-label-cost($box, $taken) = 0">
            <text x="{$box?x}" y="{$box?y}">{$words}</text>
          </xsl:if>
        </xsl:for-each>
      </g>
    </g>
  </xsl:template>

  <!-- The smallest round step (degrees) that draws at most $most lines across $span. -->
  <xsl:function name="fp:map-grid-step" as="xs:integer">
    <xsl:param name="span" as="xs:double"/>
    <xsl:param name="most" as="xs:integer"/>
    <xsl:sequence select="((1, 2, 5, 10, 15, 20, 30, 45, 60, 90)[$span div . le $most], 90)[1]"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The same map as tables                                    -->
  <!-- ======================================================= -->

  <xsl:template name="tp:map-tables">
    <section class="map-tables" id="map-tables" aria-labelledby="map-tables-heading">
      <h2 id="map-tables-heading">{f:label('map-tables-heading')}</h2>
      <table class="map-places-table">
        <caption>{f:label('map-places-caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{f:label('map-column-place')}</th>
            <th scope="col">{f:label('map-column-latitude')}</th>
            <th scope="col">{f:label('map-column-longitude')}</th>
            <th scope="col">{f:label('map-column-documents')}</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$vp:map-places">
            <tr data-place="{@id}">
              <th scope="row">
                <a href="{@href}">{@name}</a>
                <xsl:if test="@uncertain = 'true'"> ({f:label('map-coordinates-uncertain')})</xsl:if>
              </th>
              <td class="number">{format-number(xs:double(@lat), '0.00')}</td>
              <td class="number">{format-number(xs:double(@lon), '0.00')}</td>
              <td class="number">{@count}</td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <xsl:if test="$vp:map-lines">
        <table class="map-lines-table">
          <caption>{f:label('map-lines-caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{f:label('map-column-from')}</th>
              <th scope="col">{f:label('map-column-to')}</th>
              <th scope="col">{f:label('map-column-documents')}</th>
              <th scope="col">{f:label('map-column-which')}</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$vp:map-lines">
              <xsl:variable name="line" select="."/>
              <tr data-from="{@from}" data-to="{@to}">
                <xsl:for-each select="for $id in (@from, @to) return $vp:map-places[@id = $id]">
                  <td><a href="{@href}">{@name}</a></td>
                </xsl:for-each>
                <td class="number">{@count}</td>
                <td>
                  <xsl:for-each select="vp:document[position() le $vp:map?listed]">
                    <xsl:if test="position() gt 1">{f:label('map-list-separator')}</xsl:if>
                    <a href="{@stem}.html" title="{@title}">{@label}</a>
                  </xsl:for-each>
                  <xsl:variable name="more" select="count(vp:document) - $vp:map?listed"/>
                  <xsl:if test="$more gt 0">{f:label('map-list-separator')}{f:label('map-line-more', string($more))}</xsl:if>
                  <xsl:if test="@uncertain = 'true'"> ({f:label('map-line-uncertain-short')})</xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </section>
  </xsl:template>

</xsl:stylesheet>
