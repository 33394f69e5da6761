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
    xmlns:tp="urn:cables:templates:private"
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
        <xsl:call-template name="tp:certain-value">
          <xsl:with-param name="element" select="f:sent-date($tei)"/>
          <xsl:with-param name="value" as="element()"><xsl:call-template name="t:time"><xsl:with-param name="date" select="f:sent-date($tei)"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <!-- The spaces as the pages have always had them. -->
        <xsl:for-each select="f:sent-date($tei)[@source]">
          <xsl:text>&#10;              ({fp:according-to(.)})&#10;            </xsl:text>
        </xsl:for-each>
        <xsl:for-each select="f:variant-dates($tei)">
          <xsl:variable name="time" as="element()"><xsl:call-template name="t:time"><xsl:with-param name="date" select="."/></xsl:call-template></xsl:variable>
          <br/><span class="variant-date"><xsl:sequence select="f:label-nodes('also-dated', ($time, fp:according-to(.)))"/></span>
        </xsl:for-each>
        <xsl:call-template name="tp:row-notes"><xsl:with-param name="tei" select="$tei"/><xsl:with-param name="key" select="'date'"/></xsl:call-template>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'parties'">
      <xsl:choose>
        <xsl:when test="empty(($senders, $addressees))">
          <c:row key="parties" label="{f:label('record-parties')}" xsl:inherit-namespaces="no">{f:label('not-recorded')}<xsl:call-template name="tp:row-notes"><xsl:with-param name="tei" select="$tei"/><xsl:with-param name="key" select="'parties'"/></xsl:call-template></c:row>
        </xsl:when>
        <xsl:otherwise>
          <c:row key="sender" label="{f:label('record-sender')}" xsl:inherit-namespaces="no">
            <xsl:apply-templates select="$senders" mode="mp:list-names"/>
            <xsl:if test="empty($senders)">{f:label('not-recorded')}</xsl:if>
            <xsl:call-template name="tp:row-notes"><xsl:with-param name="tei" select="$tei"/><xsl:with-param name="key" select="'sender'"/></xsl:call-template>
          </c:row>
          <c:row key="addressee" label="{f:label('record-addressee')}" xsl:inherit-namespaces="no">
            <xsl:apply-templates select="$addressees" mode="mp:list-names"/>
            <xsl:if test="empty($addressees)">{f:label('not-recorded')}</xsl:if>
            <xsl:call-template name="tp:row-notes"><xsl:with-param name="tei" select="$tei"/><xsl:with-param name="key" select="'addressee'"/></xsl:call-template>
          </c:row>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:if test="$holds = 'places'">
      <c:row key="place" label="{f:label('record-place')}" xsl:inherit-namespaces="no">
        <xsl:apply-templates select="$from" mode="mp:list-names"/>
        <xsl:if test="empty($from)">{f:label('not-recorded')}</xsl:if>
        <xsl:if test="$to"> → <xsl:apply-templates select="$to" mode="mp:list-names"/></xsl:if>
        <xsl:call-template name="tp:row-notes"><xsl:with-param name="tei" select="$tei"/><xsl:with-param name="key" select="'place'"/></xsl:call-template>
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
        <xsl:for-each select="$header//tei:idno[@type = 'serial']">
          <xsl:if test="position() > 1">; </xsl:if>
          <xsl:sequence select="f:text-in-language(.)"/>
        </xsl:for-each>
        <xsl:if test="not($header//tei:idno[@type = 'serial'])">{f:label('none-recorded')}</xsl:if>
        <xsl:call-template name="tp:row-notes"><xsl:with-param name="tei" select="$tei"/><xsl:with-param name="key" select="'serial'"/></xsl:call-template>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'repository'">
      <c:row key="repository" label="{f:label('record-repository')}" xsl:inherit-namespaces="no">
        <xsl:variable name="identifier" select="($header//tei:msIdentifier[tei:repository | tei:idno])[1]"/>
        <xsl:for-each select="$identifier/(tei:settlement | tei:institution), ($identifier/tei:repository, f:label('not-known'))[1]">
          <xsl:if test="position() > 1">, </xsl:if>
          <xsl:sequence select="if (. instance of element()) then f:text-in-language(.) else ."/>
        </xsl:for-each>
        <xsl:for-each select="$identifier/tei:idno">; {f:label('call-number', normalize-space(.))}</xsl:for-each>
        <xsl:if test="$identifier and not($identifier/tei:idno)">; {f:label('call-number-not-known')}</xsl:if>
        <xsl:call-template name="tp:row-notes"><xsl:with-param name="tei" select="$tei"/><xsl:with-param name="key" select="'repository'"/></xsl:call-template>
      </c:row>
    </xsl:if>
    <xsl:if test="$holds = 'source'">
      <c:row key="source" label="{f:label('record-source')}" xsl:inherit-namespaces="no">
        <xsl:for-each select="$header//tei:sourceDesc/tei:bibl">
          <!-- The id lets a note's source (@source="#src-…") link here on the web. -->
          <p>
            <xsl:if test="$output = 'html' and @xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
            <xsl:value-of select="(f:value-label('source-prefix', @type), '')[1]"/>
            <!-- The notes of the reference follow it with their type and sources, as every
                 note of the record does, in place of m:bibl's plain runs of text. -->
            <xsl:variable name="formatted"><xsl:apply-templates select="." mode="m:bibl"/></xsl:variable>
            <xsl:sequence select="$formatted/node()[not(self::*:span[@class = 'bibl-note'])]
                [not(self::text()[normalize-space(.) = ''][preceding-sibling::node()[1][self::*:span[@class = 'bibl-note']]])]"/>
            <!-- On paper a link shows where it leads. -->
            <xsl:if test="$output = 'print'">
              <xsl:for-each select="tei:ref[f:is-external(@target)][normalize-space(.) != @target]"> <span class="url">{@target}</span></xsl:for-each>
            </xsl:if>
            <xsl:variable name="urls" select="$output = 'print' and tei:ref[f:is-external(@target)][normalize-space(.) != @target]"/>
            <xsl:for-each select="tei:note[fp:note-row(., fp:row-keys($tei)) = 'source']">
              <xsl:if test="$urls or position() > 1"><xsl:text> </xsl:text></xsl:if>
              <xsl:apply-templates select="." mode="mp:record-note"/>
            </xsl:for-each>
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
      <c:row key="status" label="{f:label('record-status')}" xsl:inherit-namespaces="no">{f:status-label(f:status($tei))}<xsl:call-template name="tp:row-notes"><xsl:with-param name="tei" select="$tei"/><xsl:with-param name="key" select="'status'"/></xsl:call-template></c:row>
    </xsl:if>
    <xsl:if test="$header//tei:keywords/tei:term">
      <c:row key="keywords" label="{f:label('record-keywords')}" xsl:inherit-namespaces="no"><xsl:for-each select="$header//tei:keywords/tei:term"><xsl:if test="position() > 1">; </xsl:if><xsl:sequence select="f:text-in-language(.)"/></xsl:for-each></c:row>
    </xsl:if>
  </xsl:template>

  <!-- The notes of the header shown apart from the rows, "Notes on the record": those that
       qualify no value of a row the record has. Every other note of the header is shown in
       the row of the value it qualifies (tp:row-notes), so that each note reaches the
       reader once, on the web and in print alike. -->
  <xsl:function name="f:record-notes" as="element(tei:note)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="keys" select="fp:row-keys($tei)"/>
    <xsl:sequence select="fp:header-notes($tei)[empty(fp:note-row(., $keys))]"/>
  </xsl:function>

  <!-- Every note of the header that stands for itself (a note within a note is part of
       it). -->
  <xsl:function name="fp:header-notes" as="element(tei:note)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader//tei:note[not(ancestor::tei:note)]"/>
  </xsl:function>

  <!-- The keys of the rows t:record-rows makes for a document, in the same conditions. -->
  <xsl:function name="fp:row-keys" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="holds" select="$v:corpus-holds"/>
    <xsl:sequence select="('date')[$holds = 'date'],
        (if (empty((f:parties($tei, 'sent'), f:parties($tei, 'received')))) then 'parties' else ('sender', 'addressee'))[$holds = 'parties'],
        ('place', 'type', 'classification', 'serial', 'repository', 'source', 'languages', 'status')[. = $holds]"/>
  </xsl:function>

  <!-- The row a header note is shown in: the first of the rows its place in the header
       says it qualifies ($candidates) that the record has ($keys); none when it
       qualifies no row, and the note is one of f:record-notes. A note of the
       correspondence as a whole qualifies the date when it speaks of dates. -->
  <xsl:function name="fp:note-row" as="xs:string?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="keys" as="xs:string*"/>
    <xsl:variable name="action" select="$note/ancestor::tei:correspAction[1]/@type"/>
    <xsl:variable name="candidates" as="xs:string*" select="
        if ($note/@type = 'classification') then 'classification'
        else if ($action = 'sent') then ('sender', 'parties')
        else if ($action = 'received') then ('addressee', 'parties')
        else if ($note/parent::tei:correspDesc) then ('date')[$note//tei:date]
        else if ($note/ancestor::tei:altIdentifier[tei:idno/@type = 'serial']) then ('serial', 'repository')
        else if ($note/ancestor::tei:msIdentifier or $note/parent::tei:msItem) then 'repository'
        else if ($note/parent::tei:bibl/parent::tei:sourceDesc) then 'source'
        else if ($note/ancestor::tei:revisionDesc) then 'status'
        else ()"/>
    <xsl:sequence select="$candidates[. = $keys][1]"/>
  </xsl:function>

  <!-- The notes of the row $key, after its value; a classification note is the row's
       value itself, a source's note follows its reference (both in t:record-rows). -->
  <xsl:template name="tp:row-notes">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="keys" select="fp:row-keys($tei)"/>
    <xsl:apply-templates select="fp:header-notes($tei)[fp:note-row(., $keys) = $key]" mode="mp:record-note"/>
  </xsl:template>

  <!-- A note of the header beside the value it qualifies (m:header-note), as a paragraph
       below the value; inside a reference's paragraph, a run of text. -->
  <xsl:template match="tei:note" mode="mp:record-note">
    <xsl:element name="{if (parent::tei:bibl) then 'span' else 'p'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'record-note', @type ! ('note-' || .)" separator=" "/>
      <xsl:apply-templates select="." mode="m:header-note"/>
    </xsl:element>
  </xsl:template>

  <!-- A note of a document's header as its record shows it, one run of text: its type in
       words and its text (m:note-body), then the sources it names (@source), linked on
       the web to their entries. The web's "Notes on the record" and the rows use it; a
       print record's own list of notes should too. -->
  <xsl:mode name="m:header-note"/>

  <xsl:template match="tei:note" mode="m:header-note">
    <xsl:variable name="note" select="."/>
    <xsl:apply-templates select="." mode="m:note-body"/>
    <xsl:if test="normalize-space(@source) != ''">
      <xsl:variable name="sources" as="element()">
        <span class="note-sources">
          <xsl:for-each select="tokenize(@source)">
            <xsl:if test="position() > 1">; </xsl:if>
            <xsl:sequence select="fp:source-link(., $note)"/>
          </xsl:for-each>
        </span>
      </xsl:variable>
      <xsl:text> </xsl:text>
      <xsl:sequence select="f:label-nodes('cited-sources', $sources)"/>
    </xsl:if>
  </xsl:template>

  <!-- A source a note names (a token of its @source), in words: on the web a link to its
       entry in the bibliography, or to the reference in the record that it points to. -->
  <xsl:function name="fp:source-link" as="node()">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="entry" select="f:resolve($pointer, $note)"/>
    <xsl:variable name="name" select="($entry ! (f:value-label('source', @type), normalize-space((tei:title)[1])[. != '']), $pointer)[1]"/>
    <xsl:choose>
      <xsl:when test="$output = 'html' and $entry/parent::tei:sourceDesc and root($entry) is root($note)">
        <a href="#{$entry/@xml:id}">{$name}</a>
      </xsl:when>
      <xsl:when test="$output = 'html' and exists(f:index-of($entry)) and not($entry/ancestor::tei:teiHeader)">
        <a href="{f:entry-href($entry, $output)}">{$name}</a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$name"/>
      </xsl:otherwise>
    </xsl:choose>
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
      <!-- An empty element that only points shows its entry's name, in that name's
           language. -->
      <xsl:when test="normalize-space(.) = ''">
        <xsl:variable name="name" select="f:party-name(.)"/>
        <xsl:variable name="written" select="(f:entry(.)/(tei:persName | tei:placeName | tei:orgName
            | tei:label | tei:title)[normalize-space(.) = $name])[1]"/>
        <span class="name">
          <xsl:sequence select="$written ! f:text-in-language(.)"/>
          <xsl:if test="empty($written)">{$name}</xsl:if>
        </span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="m:text"/></xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="tp:certainty"><xsl:with-param name="element" select="."/></xsl:call-template>
  </xsl:template>

  <!-- How sure the editors are of a value of the record, in words after it
       (f:certainty: "(probable)"), so that no inferred value reads as a fact. -->
  <xsl:template name="tp:certainty">
    <xsl:param name="element" as="element()?"/>
    <xsl:for-each select="$element[f:certainty(.)]">
      <xsl:text> </xsl:text>
      <span class="certainty">({f:certainty(.)})</span>
    </xsl:for-each>
  </xsl:template>

  <!-- A value of the record ($value, made from $element) marked with its certainty: the
       class cert-… on the value, the words after it. A date of low or unknown certainty
       says so in its own words already (f:format-date). -->
  <xsl:template name="tp:certain-value">
    <xsl:param name="element" as="element()?"/>
    <xsl:param name="value" as="element()"/>
    <xsl:choose>
      <xsl:when test="$element[f:certainty(.)]">
        <span class="cert-{normalize-space($element/@cert)}"><xsl:sequence select="$value"/></span>
        <xsl:call-template name="tp:certainty"><xsl:with-param name="element" select="$element[not(@cert = ('low', 'unknown'))]"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$value"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Citation                                                  -->
  <!-- ======================================================= -->

  <!-- How to cite a document ($tei), or the whole edition (no $tei): the bibliography
       entry of the Chicago notes-and-bibliography style, with the edition's title in
       <cite> and its address, when it has one, as a link. A document is cited as one of
       an edited online collection: its title in quotation marks, its date, its number in
       the edition, the edition (title, editors, publisher, year, version), the address,
       then the archival original as far as the header records it. What the header does
       not record is left out, never printed as "not recorded". Cached (cache="yes"):
       every page of a run shows the same citation of the edition, f:citation(()). -->
  <xsl:function name="f:citation" as="node()*" cache="yes">
    <xsl:param name="tei" as="element(tei:TEI)?"/>
    <xsl:variable name="year" select="substring($v:edition/@date, 1, 4)"/>
    <xsl:variable name="url" select="if ($v:edition/@base-url = '') then ()
        else $v:edition/@base-url || ($tei ! (f:stem(.) || '.html'))"/>
    <xsl:variable name="editors" select="fp:citation-names($v:edition/c:editor ! string(.))"/>
    <xsl:variable name="imprint" select="fp:capitalise(string-join(($v:edition/@publisher[. != ''] ! string(.), $year[. != '']), ', '))"/>
    <xsl:choose>
      <xsl:when test="$tei">
        <xsl:variable name="number" select="f:number($tei)"/>
        <xsl:text>{f:label('citation-title', fp:end-sentence(f:title($tei), '.'))} {(f:sent-date($tei) ! (f:format-date(.) || '.'), f:label('citation-no-date'))[1]} {
            if ($number) then f:label('citation-number-in', $number) else f:label('citation-in')} </xsl:text>
        <cite>{$v:edition/@title}</cite>
        <xsl:text>{$editors ! (', ' || f:label('citation-edited-by', .))}. {$imprint[. != ''] ! (. || '. ')}{
            f:label('citation-version', $v:edition/@version)} </xsl:text>
        <xsl:sequence select="fp:citation-address($url)"/>
        <xsl:value-of select="fp:citation-original($tei) ! (' ' || .)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="ed" select="f:label(if (count($v:edition/c:editor) > 1) then 'citation-editors' else 'citation-editor')"/>
        <xsl:if test="$editors">
          <xsl:text>{fp:capitalise($editors)}, {$ed} </xsl:text>
        </xsl:if>
        <cite>{$v:edition/@title}</cite>
        <xsl:text>. {f:label('citation-version', $v:edition/@version)} {$imprint[. != ''] ! (. || '. ')}</xsl:text>
        <xsl:sequence select="fp:citation-address($url)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- Names as a citation lists them: "A", "A and B", "A, B and C". Names are given as
       the edition configures them and never inverted: an editor may be a corporate body. -->
  <xsl:function name="fp:citation-names" as="xs:string?">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (empty($names)) then ()
        else if (count($names) = 1) then $names
        else f:label('and', (string-join($names[position() lt last()], ', '), $names[last()]))"/>
  </xsl:function>

  <!-- A title closed by a full stop ($mark, or a comma in a note), inside its own closing
       quotation mark if it ends with one, as the Chicago style wants it; none after a
       question or exclamation mark. -->
  <xsl:function name="fp:end-sentence" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="mark" as="xs:string"/>
    <xsl:sequence select="if (matches($title, '[.?!][''’”]*$')) then $title
        else replace($title || '|', '([''’”]*)\|$', $mark || '$1')"/>
  </xsl:function>

  <!-- The first letter in upper case: a citation starts a sentence. -->
  <xsl:function name="fp:capitalise" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="upper-case(substring($text, 1, 1)) || substring($text, 2)"/>
  </xsl:function>

  <!-- The address of what is cited, as a link, or that it has none yet. -->
  <xsl:function name="fp:citation-address" as="node()*">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:choose>
      <xsl:when test="$url"><a href="{$url}">{$url}</a>.</xsl:when>
      <xsl:otherwise>{f:label('citation-no-address')}</xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The archival original of a document as far as its header records it: the
       repository (with the editors' certainty), the call number, the translator. Empty
       when the header names none of them. Cached (cache="yes"), as f:citation: a page
       and its citation files each ask for it. -->
  <xsl:function name="fp:citation-original" as="xs:string?" cache="yes">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="fp:citation-original($tei, 'citation-original', 'citation-translated-by', ' ')"/>
  </xsl:function>

  <!-- The same, in the words of the labels $original-key and $translated-key, joined by
       $separator (a bibliography's sentences, or a note's clauses). -->
  <xsl:function name="fp:citation-original" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="original-key" as="xs:string"/>
    <xsl:param name="translated-key" as="xs:string"/>
    <xsl:param name="separator" as="xs:string"/>
    <xsl:variable name="source" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="identifier" select="($source//tei:msIdentifier[tei:repository | tei:idno])[1]"/>
    <xsl:variable name="holder" select="string-join(($identifier/(tei:repository, tei:institution, tei:settlement)[normalize-space(.) != '']
        ! (normalize-space(.) || f:certainty(.) ! (' (' || . || ')'))), ', ')"/>
    <xsl:variable name="translators" select="fp:citation-names(distinct-values((
        $source//tei:editor[@role = 'translator'], $source//tei:author[@role = 'translator'],
        $source//tei:respStmt[matches(tei:resp, 'transl', 'i')]/(tei:persName | tei:orgName | tei:name)
        )[normalize-space(.) != ''] ! normalize-space(.)))"/>
    <xsl:variable name="original" select="string-join(($holder[. != ''], $identifier/tei:idno[normalize-space(.) != '']
        ! f:label('call-number', normalize-space(.))), ', ')"/>
    <xsl:sequence select="string-join(($original[. != ''] ! f:label($original-key, .),
        $translators ! f:label($translated-key, .)), $separator)[. != '']"/>
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
