<?xml version="1.0" encoding="UTF-8"?>
<!--
  described.xsl: what each record describes, part of deposit.xsl (included by mods.xsl).

  The facts the MODS, DC, oai_dc and DataCite crosswalks read alike, kept in one place so
  that they agree: the language of the described resource and of its original, the
  editors' summary as an abstract, keywords typed by the kind of their authority entry,
  the certainty of a place, and the dated history of the document's encoding.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The media types of one document: its TEI source, its PDF and its web page. -->
  <xsl:variable name="vp:document-formats" as="xs:string+"
      select="('application/tei+xml', 'application/pdf', 'text/html')"/>
  <!-- The media types of the edition as a whole: the documents', and the ebook's when the
       deposit holds it (the manifest's c:download of kind edition-epub, as a records-only
       run has no payload to look in), after the PDF. -->
  <xsl:variable name="vp:edition-formats" as="xs:string+" select="
      $vp:document-formats[. ne 'text/html'],
      'application/epub+zip'[exists($manifest/c:manifest/c:download[@kind = 'edition-epub'])],
      'text/html'"/>

  <!-- The event types (tei:event/@type) that are meetings: MODS names them as conferences. -->
  <xsl:variable name="vp:meeting-types" as="xs:string+" select="('congress', 'conference', 'meeting')"/>

  <!-- Authority entries by each of their names, lower-cased: how a keyword finds its kind. -->
  <xsl:key name="fp:entry-by-name"
      match="tei:place | tei:org | tei:person | tei:event"
      use="(tei:placeName | tei:orgName | tei:persName | tei:label) ! lower-case(normalize-space(.))"/>

  <!-- The language of the record's resource, the edition's English summary of a document:
       the document's xml:lang, else the edition's language. -->
  <xsl:function name="fp:summary-language" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string(($tei/@xml:lang[normalize-space(.)], $v:edition/@language)[1])"/>
  </xsl:function>

  <!-- The languages of the original: those of langUsage other than the summary's (the
       translation the editors read is in the summary's language). -->
  <xsl:function name="fp:original-languages" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="distinct-values(fp:languages($tei)/@ident[. != fp:summary-language($tei)] ! string(.))"/>
  </xsl:function>

  <!-- The editors' summary of the document (div type="summary") as plain text, paragraph
       and list item after item, without headings and notes; empty when it has none. -->
  <xsl:function name="fp:abstract" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="blocks" select="$tei/tei:text/tei:body//tei:div[@type = 'summary']
        //(tei:p | tei:item)[not(ancestor::tei:p or ancestor::tei:item or ancestor::tei:note)]"/>
    <xsl:variable name="text" select="normalize-space(string-join($blocks
        ! string-join(.//text()[not(ancestor::tei:note)]), ' '))"/>
    <xsl:sequence select="$text[. != '']"/>
  </xsl:function>

  <!-- The keywords of a document's header as elements, so that their @ref can be read. -->
  <xsl:function name="fp:keyword-terms" as="element(tei:term)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords/tei:term[normalize-space(.)]"/>
  </xsl:function>

  <!-- The authority entry a keyword names: the one its @ref points to, else the one entry
       of the authority files that has the keyword as one of its names. None otherwise. -->
  <xsl:function name="fp:keyword-entry" as="element()?">
    <xsl:param name="term" as="element(tei:term)"/>
    <xsl:variable name="named" select="$v:authority ! key('fp:entry-by-name', lower-case(normalize-space($term)), .)"/>
    <xsl:sequence select="(f:entry($term), $named[count($named) = 1])[1]"/>
  </xsl:function>

  <!-- The kind of a keyword, from its authority entry: geographic, corporate, personal,
       conference (a meeting: an event of type congress, conference or meeting) or topic
       (anything else, other events included: a crisis or a treaty is no meeting, and
       library subject headings treat such events as topics). -->
  <xsl:function name="fp:keyword-kind" as="xs:string">
    <xsl:param name="term" as="element(tei:term)"/>
    <xsl:variable name="entry" select="fp:keyword-entry($term)"/>
    <xsl:sequence select="
        if ($entry/self::tei:place) then 'geographic'
        else if ($entry/self::tei:org) then 'corporate'
        else if ($entry/self::tei:person) then 'personal'
        else if ($entry/self::tei:event[@type = $vp:meeting-types]) then 'conference'
        else 'topic'"/>
  </xsl:function>

  <!-- An uncertain value in words, for a record that has no attribute for it:
       "Beijing (probable)"; as it is when certain. -->
  <xsl:function name="fp:with-certainty" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="$text || (f:certainty($element) ! (' (' || . || ')'))"/>
  </xsl:function>

  <!-- The dated history of the document's encoding (revisionDesc/change): "date, who:
       what", oldest first. -->
  <xsl:function name="fp:provenance" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:for-each select="$tei/tei:teiHeader/tei:revisionDesc/tei:change">
      <xsl:sort select="string(@when)"/>
      <xsl:variable name="who" select="tokenize(@who) ! f:resolve(., current()) ! f:entry-name(.)"/>
      <xsl:sequence select="string-join((string(@when)[. != ''], string-join($who, ', ')[. != '']), ', ')
          || ': ' || normalize-space(.)"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The dates of the changes, oldest first, each once. -->
  <xsl:function name="fp:change-dates" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="sort(distinct-values($tei/tei:teiHeader/tei:revisionDesc/tei:change/@when ! string(.)))"/>
  </xsl:function>

</xsl:stylesheet>
