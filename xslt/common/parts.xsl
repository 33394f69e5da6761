<?xml version="1.0" encoding="UTF-8"?>
<!--
  parts.xsl: the page-level parts the web and the print edition share, so that both say
  the same things and differ only in how they show them:

  - t:record-rows and f:record-notes: the record of a document (its rows, their labels
    and values, and the notes on the record);
  - f:citation: how to cite a document, or the whole edition;
  - f:index-entries and f:index-sort-key: which entries each index lists, in what order.

  Included by html/site.xsl, imported by print/book.xsl. The front matter comes in the
  order of $v:front-in-order (functions.xsl) in both editions.
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
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- ======================================================= -->
  <!-- The record of a document                                  -->
  <!-- ======================================================= -->

  <!-- The rows of a document's record: one c:row per kind of information the corpus holds
       (f:holds), saying once, quietly, when this document lacks it. Each c:row has @key
       (a stable name: date, parties, sender, addressee, place, type, classification,
       serial, repository, source, languages, status, keywords), @label (the words shown
       for it) and the value as HTML content. The web shows the rows as dt/dd pairs in
       divs, print as a grid of dt and dd. A template, not a function: the values keep the
       tunnel parameters of the page (print's single-document and figure-base). -->
  <xsl:template name="t:record-rows" as="element(c:row)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:variable name="holds" select="$v:corpus-holds"/>
    <xsl:variable name="senders" select="f:parties($tei, 'sent')"/>
    <xsl:variable name="addressees" select="f:parties($tei, 'received')"/>
    <xsl:variable name="from" select="f:places($tei, 'sent')"/>
    <xsl:variable name="to" select="f:places($tei, 'received')"/>
    <xsl:if test="$holds = 'date'">
      <c:row key="date" label="{f:label('record-date')}" xsl:inherit-namespaces="no">
        <xsl:call-template name="t:time"><xsl:with-param name="date" select="f:sent-date($tei)"/></xsl:call-template>
        <!-- The spaces as the pages have always had them. -->
        <xsl:for-each select="f:sent-date($tei)[@source]">
          <xsl:text>&#10;              ({fp:according-to(.)})&#10;            </xsl:text>
        </xsl:for-each>
        <xsl:for-each select="f:variant-dates($tei)">
          <xsl:variable name="time" as="element()"><xsl:call-template name="t:time"><xsl:with-param name="date" select="."/></xsl:call-template></xsl:variable>
          <br/><span class="variant-date"><xsl:sequence select="f:label-nodes('also-dated', ($time, fp:according-to(.)))"/></span>
        </xsl:for-each>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'parties'">
      <xsl:choose>
        <xsl:when test="empty(($senders, $addressees))">
          <c:row key="parties" label="{f:label('record-parties')}" xsl:inherit-namespaces="no">{f:label('not-recorded')}</c:row>
        </xsl:when>
        <xsl:otherwise>
          <c:row key="sender" label="{f:label('record-sender')}" xsl:inherit-namespaces="no">
            <xsl:apply-templates select="$senders" mode="mp:list-names"/>
            <xsl:if test="empty($senders)">{f:label('not-recorded')}</xsl:if>
          </c:row>
          <c:row key="addressee" label="{f:label('record-addressee')}" xsl:inherit-namespaces="no">
            <xsl:apply-templates select="$addressees" mode="mp:list-names"/>
            <xsl:if test="empty($addressees)">{f:label('not-recorded')}</xsl:if>
          </c:row>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:if test="$holds = 'places'">
      <c:row key="place" label="{f:label('record-place')}" xsl:inherit-namespaces="no">
        <xsl:apply-templates select="$from" mode="mp:list-names"/>
        <xsl:if test="empty($from)">{f:label('not-recorded')}</xsl:if>
        <xsl:if test="$to"> → <xsl:apply-templates select="$to" mode="mp:list-names"/></xsl:if>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'type'">
      <c:row key="type" label="{f:label('record-type')}" xsl:inherit-namespaces="no">{f:type-label($tei/tei:text/@type)}</c:row>
    </xsl:if>
    <xsl:if test="$holds = 'classification'">
      <c:row key="classification" label="{f:label('record-classification')}" xsl:inherit-namespaces="no">
        <xsl:for-each select="$header//tei:note[@type = 'classification']">
          <p><xsl:if test="@subtype"><strong>{f:classification-label(@subtype)}.</strong><xsl:text> </xsl:text></xsl:if><xsl:apply-templates mode="m:text"/></p>
        </xsl:for-each>
        <xsl:if test="not($header//tei:note[@type = 'classification'])">{f:label('not-recorded')}</xsl:if>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'serial'">
      <c:row key="serial" label="{f:label('record-serial')}" xsl:inherit-namespaces="no">
        <xsl:value-of select="string-join($header//tei:idno[@type = 'serial'] ! normalize-space(.), '; ')"/>
        <xsl:if test="not($header//tei:idno[@type = 'serial'])">{f:label('none-recorded')}</xsl:if>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'repository'">
      <c:row key="repository" label="{f:label('record-repository')}" xsl:inherit-namespaces="no">
        <xsl:variable name="identifier" select="($header//tei:msIdentifier[tei:repository | tei:idno])[1]"/>
        <xsl:value-of select="string-join(($identifier/(tei:settlement | tei:institution) ! normalize-space(.),
            ($identifier/tei:repository ! normalize-space(.), f:label('not-known'))[1]), ', ')"/>
        <xsl:for-each select="$identifier/tei:idno">; {f:label('call-number', normalize-space(.))}</xsl:for-each>
        <xsl:if test="$identifier and not($identifier/tei:idno)">; {f:label('call-number-not-known')}</xsl:if>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'source'">
      <c:row key="source" label="{f:label('record-source')}" xsl:inherit-namespaces="no">
        <xsl:for-each select="$header//tei:sourceDesc/tei:bibl">
          <p>
            <xsl:value-of select="(f:value-label('source-prefix', @type), '')[1]"/>
            <xsl:apply-templates select="." mode="m:bibl"/>
            <!-- On paper a link shows where it leads. -->
            <xsl:if test="$output = 'print'">
              <xsl:for-each select="tei:ref[f:is-external(@target)][normalize-space(.) != @target]"> <span class="url">{@target}</span></xsl:for-each>
            </xsl:if>
          </p>
        </xsl:for-each>
        <xsl:for-each select="$header//tei:sourceDesc/tei:p[normalize-space(.) != '']">
          <p><xsl:apply-templates mode="m:text"/></p>
        </xsl:for-each>
        <xsl:if test="not($header//tei:sourceDesc/(tei:bibl | tei:p[normalize-space(.) != '']))">{f:label('not-recorded')}</xsl:if>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'languages'">
      <c:row key="languages" label="{f:label('record-languages')}" xsl:inherit-namespaces="no">{(string-join($header//tei:langUsage/tei:language ! (normalize-space(.)[. != ''], string(@ident))[1], '; ')[. != ''], f:label('not-recorded'))[1]}</c:row>
    </xsl:if>
    <xsl:if test="$holds = 'status'">
      <c:row key="status" label="{f:label('record-status')}" xsl:inherit-namespaces="no">{f:status-label(f:status($tei))}</c:row>
    </xsl:if>
    <xsl:if test="$header//tei:keywords/tei:term">
      <c:row key="keywords" label="{f:label('record-keywords')}" xsl:inherit-namespaces="no">{string-join($header//tei:keywords/tei:term ! normalize-space(.), '; ')}</c:row>
    </xsl:if>
  </xsl:template>

  <!-- The notes on a document's record: on its correspondence, its manuscript and its
       sources. A classification note is shown in its row (t:record-rows). -->
  <xsl:function name="f:record-notes" as="element(tei:note)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:sequence select="$header//tei:correspDesc/tei:note | $header//tei:msItem/tei:note[not(@type = 'classification')]
        | $header//tei:sourceDesc/tei:bibl/tei:note | $header//tei:msIdentifier//tei:note"/>
  </xsl:function>

  <!-- "according to <source>" for a date that names its source. -->
  <xsl:function name="fp:according-to" as="xs:string">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="sources" select="tokenize($date/@source) ! f:resolve(., $date)"/>
    <xsl:variable name="names" select="for $s in $sources return
        (f:value-label('source', $s/@type), normalize-space(($s/tei:title)[1]))[1]"/>
    <xsl:sequence select="f:label('according-to', fold-left(tail($names), head($names),
        function ($list, $name) { f:label('and', ($list, $name)) }))"/>
  </xsl:function>

  <!-- Names of a record row; a name that only points (<persName ref="#p1"/>) shows the
       name of its entry. -->
  <xsl:template match="*" mode="mp:list-names">
    <xsl:if test="position() > 1">; </xsl:if>
    <xsl:choose>
      <xsl:when test="normalize-space(.) = ''"><span class="name">{f:party-name(.)}</span></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="m:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Citation                                                  -->
  <!-- ======================================================= -->

  <!-- How to cite a document ($tei), or the whole edition (no $tei), in the words of the
       Chicago style: text, with the edition's title in <cite> and its address, when it
       has one, as a link. The spaces are those the web pages have always had. -->
  <xsl:function name="f:citation" as="node()*">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:variable name="editors" select="string-join($v:edition/c:editor, ', ')"/>
    <xsl:variable name="ed" select="f:label(if (count($v:edition/c:editor) > 1) then 'citation-editors' else 'citation-editor')"/>
    <xsl:variable name="year" select="substring($v:edition/@date, 1, 4)"/>
    <xsl:variable name="url" select="if ($v:edition/@base-url = '') then ()
        else $v:edition/@base-url || ($tei ! (f:stem(.) || '.html'))"/>
    <xsl:choose>
      <xsl:when test="$tei">
        <xsl:text>&#10;        {$editors}, {$ed}&#10;        {f:label('citation-title', f:title($tei))} {(f:sent-date($tei) ! f:format-date(.), f:label('citation-no-date'))[1]}.&#10;        {f:label('citation-in')} </xsl:text>
        <cite>{$v:edition/@title}</cite>
        <xsl:text>, {f:label('citation-version', $v:edition/@version)}, {$year}.&#10;        </xsl:text>
        <xsl:choose>
          <xsl:when test="$url"><a href="{$url}">{$url}</a>.</xsl:when>
          <xsl:otherwise>{f:label('citation-no-address', f:stem($tei) || '.html')}</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text>{$editors}, {$ed}&#10;        </xsl:text>
        <cite>{$v:edition/@title}</cite>
        <xsl:text>. {f:label('citation-edition-version', $v:edition/@version)} {$v:edition/@publisher},&#10;        {$year}.</xsl:text>
        <xsl:choose>
          <xsl:when test="$url"><xsl:text> </xsl:text><a href="{$url}">{$url}</a></xsl:when>
          <xsl:otherwise> {f:label('citation-edition-no-address')}</xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Indices                                                   -->
  <!-- ======================================================= -->

  <!-- The indices of both editions, in order: the pages of common/pages.xml marked index. -->
  <xsl:variable name="v:indices" as="xs:string+" select="$vp:site-pages[@index = 'yes']/@name ! string(.)"/>

  <!-- The entries of one index ('persons', 'places', 'organisations', 'events'): those of
       the authority files, then those of the documents' own registers (f:register-entries;
       in a run that reads records, the registers the records keep). The edition's own
       team (an org of @type "edition") is an entry like any other: the front matter names
       it, and the indices list what the texts name. -->
  <xsl:function name="f:index-entries" as="element()*">
    <xsl:param name="index" as="xs:string"/>
    <xsl:sequence select="(
        if ($index = 'persons') then $v:authority//tei:listPerson/tei:person
        else if ($index = 'places') then $v:authority//tei:listPlace/tei:place
        else if ($index = 'organisations') then $v:authority//tei:listOrg/tei:org
        else $v:authority//tei:listEvent/tei:event),
        ($v:records/tei:TEI/c:register/*, $v:documents-in-order ! f:register-entries(.))[f:index-of(.) = $index]"/>
  </xsl:function>

  <!-- The order of an index: events by date, every other entry by its sort key (@sortKey:
       a person's surname first, "Khrushchev-Nikita-Sergeyevich"), else by its name. -->
  <xsl:function name="f:index-sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::tei:event) then string(($entry/@when, $entry/@from, $entry/@notBefore)[1])
        else lower-case((normalize-space($entry/@sortKey)[. != ''], f:entry-name($entry))[1])"/>
  </xsl:function>

</xsl:stylesheet>
