<?xml version="1.0" encoding="UTF-8"?>
<!--
  dc.xsl: the TEI header to Dublin Core crosswalk, part of deposit.xsl.

  The crosswalk is written once, as a list of fields (vp:field: the DCMI term, the DSpace
  element.qualifier it maps to, an optional encoding scheme, and the value); two templates
  serialise the list: as a Qualified DC record (dc/*.xml, DCMI schemas) and as the
  dublin_core.xml of a DSpace Simple Archive Format item. Dublin Core has no roles and no
  place of sending or receipt: the sender is dc:creator, the editors dc:contributor, and
  a dc:description sentence says who sent the document from where to whom and where, each
  doubted name and place marked with its certainty (an addressee is not a contributor to
  the document). The record describes the edition's English summary: its language is the
  summary's, the summary itself is dcterms:abstract.
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
    xmlns:c="urn:cables:manifest"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:variable name="vp:dc-namespaces" as="map(xs:string, xs:string)" select="map {
      'dc': 'http://purl.org/dc/elements/1.1/',
      'dcterms': 'http://purl.org/dc/terms/' }"/>

  <!-- ======================================================= -->
  <!-- The crosswalk                                             -->
  <!-- ======================================================= -->

  <xsl:function name="fp:document-fields" as="element(vp:field)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:variable name="senders" select="fp:parties($tei, 'sent')"/>
    <xsl:variable name="addressees" select="fp:parties($tei, 'received')"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>

    <vp:field term="dc:title" dspace="title">{f:title($tei)}</vp:field>
    <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:title[not(@type = 'main')]">
      <vp:field term="dcterms:alternative" dspace="title.alternative">{normalize-space(.)}</vp:field>
    </xsl:for-each>
    <xsl:for-each select="$senders">
      <vp:field term="dc:creator" dspace="contributor.author">{fp:authorised-name(.)}</vp:field>
    </xsl:for-each>
    <xsl:for-each select="distinct-values($header/tei:fileDesc/tei:titleStmt/tei:editor ! normalize-space(.))">
      <vp:field term="dc:contributor" dspace="contributor.editor">{.}</vp:field>
    </xsl:for-each>
    <xsl:for-each select="fp:iso-date($date)">
      <xsl:sequence select="fp:date-field('dcterms:created', 'date.created', .)"/>
    </xsl:for-each>
    <xsl:sequence select="fp:date-field('dcterms:issued', 'date.issued', $v:edition/@date)"/>
    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:publisher">
      <vp:field term="dc:publisher" dspace="publisher">{normalize-space(.)}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:language" dspace="language.iso" type="dcterms:RFC4646">{fp:summary-language($tei)}</vp:field>
    <xsl:for-each select="fp:keywords($tei)">
      <vp:field term="dc:subject" dspace="subject">{.}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:type" dspace="type" type="dcterms:DCMIType">Text</vp:field>
    <xsl:for-each select="$tei/tei:text/@type">
      <vp:field term="dc:type" dspace="type">{f:type-label(.)}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:format" dspace="format.mimetype" type="dcterms:IMT">application/tei+xml</vp:field>
    <vp:field term="dc:identifier" dspace="identifier.other">{$tei/@xml:id}</vp:field>
    <!-- The document's number in the edition (TEI/@n), with the edition's id: "cables no. 6";
         and where the edition is named, the number after it. -->
    <xsl:if test="f:number($tei) != ''">
      <vp:field term="dc:identifier" dspace="identifier.other">{$v:edition/@id} {f:document-label($tei)}</vp:field>
      <vp:field term="dcterms:bibliographicCitation" dspace="identifier.citation">{$v:edition/@title}, {f:document-label($tei)}</vp:field>
    </xsl:if>
    <xsl:for-each select="fp:page-url(f:stem($tei) || '.html')">
      <vp:field term="dc:identifier" dspace="identifier.uri" type="dcterms:URI">{.}</vp:field>
    </xsl:for-each>

    <xsl:for-each select="fp:original($tei)/tei:msIdentifier">
      <vp:field term="dc:source" dspace="source">{string-join((
          tei:repository, tei:idno, tei:altIdentifier/tei:idno) ! normalize-space(.), ', ')}</vp:field>
    </xsl:for-each>
    <xsl:for-each select="fp:url(fp:archive-page($tei))">
      <vp:field term="dc:source" dspace="source.uri" type="dcterms:URI">{.}</vp:field>
    </xsl:for-each>
    <xsl:for-each select="fp:cited-works($tei)">
      <xsl:choose>
        <xsl:when test="fp:url(.)">
          <vp:field term="dcterms:isReferencedBy" dspace="relation.isreferencedby" type="dcterms:URI">{fp:url(.)}</vp:field>
        </xsl:when>
        <xsl:otherwise>
          <vp:field term="dcterms:isReferencedBy" dspace="relation.isreferencedby">{normalize-space(tei:title[1])}</vp:field>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <vp:field term="dcterms:isPartOf" dspace="relation.ispartof">{$v:edition/@title}</vp:field>

    <xsl:for-each select="fp:abstract($tei)">
      <vp:field term="dcterms:abstract" dspace="description.abstract">{.}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:description" dspace="description">{fp:correspondence-sentence($tei)}</vp:field>
    <xsl:for-each select="fp:variant-notes($tei)">
      <vp:field term="dc:description" dspace="description">{.}</vp:field>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:profileDesc/tei:correspDesc//tei:note">
      <vp:field term="dc:description" dspace="description">{normalize-space(.)}</vp:field>
    </xsl:for-each>
    <xsl:if test="f:status($tei)">
      <vp:field term="dc:description" dspace="description">{f:label('deposit-text-state', f:status-label(f:status($tei)))}</vp:field>
    </xsl:if>
    <xsl:for-each select="fp:provenance($tei)">
      <vp:field term="dcterms:provenance" dspace="description.provenance">{.}</vp:field>
    </xsl:for-each>

    <xsl:for-each select="fp:licence($tei)">
      <vp:field term="dc:rights" dspace="rights">{string-join((normalize-space(.), @target), ' ')}</vp:field>
      <xsl:for-each select="@target">
        <vp:field term="dcterms:license" dspace="rights.uri" type="dcterms:URI">{.}</vp:field>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="fp:edition-fields" as="element(vp:field)*">
    <xsl:variable name="span" select="fp:edition-span()"/>
    <vp:field term="dc:title" dspace="title">{$v:edition/@title}</vp:field>
    <xsl:if test="normalize-space($v:edition/@subtitle)">
      <vp:field term="dc:description" dspace="description">{$v:edition/@subtitle}</vp:field>
    </xsl:if>
    <xsl:for-each select="$v:edition/c:editor">
      <vp:field term="dc:creator" dspace="contributor.editor">{.}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:publisher" dspace="publisher">{$v:edition/@publisher}</vp:field>
    <xsl:sequence select="fp:date-field('dcterms:issued', 'date.issued', $v:edition/@date)"/>
    <xsl:if test="exists($span)">
      <vp:field term="dcterms:temporal" dspace="coverage.temporal" type="dcterms:Period">start={$span[1]}; end={$span[2]}; scheme=W3C-DTF;</vp:field>
    </xsl:if>
    <vp:field term="dc:language" dspace="language.iso" type="dcterms:RFC4646">{$v:edition/@language}</vp:field>
    <xsl:for-each select="distinct-values($v:documents-in-order ! fp:keywords(.))">
      <vp:field term="dc:subject" dspace="subject">{.}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:type" dspace="type" type="dcterms:DCMIType">Collection</vp:field>
    <vp:field term="dc:type" dspace="type" type="dcterms:DCMIType">Text</vp:field>
    <xsl:for-each select="$vp:edition-formats">
      <vp:field term="dc:format" dspace="format.mimetype" type="dcterms:IMT">{.}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:identifier" dspace="identifier.other">{$v:edition/@id}</vp:field>
    <xsl:for-each select="fp:page-url(f:site-page('home'))">
      <vp:field term="dc:identifier" dspace="identifier.uri" type="dcterms:URI">{.}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:description" dspace="description">Version {$v:edition/@version}.</vp:field>
    <xsl:for-each select="$v:documents-in-order">
      <vp:field term="dcterms:hasPart" dspace="relation.haspart">{f:title(.)}</vp:field>
    </xsl:for-each>
    <vp:field term="dc:rights" dspace="rights">{fp:edition-licence-text()} {$v:edition/@licence-url}</vp:field>
    <vp:field term="dcterms:license" dspace="rights.uri" type="dcterms:URI">{$v:edition/@licence-url}</vp:field>
  </xsl:function>

  <!-- A date field, typed W3CDTF when it is one (a day, month or year), else plain text. -->
  <xsl:function name="fp:date-field" as="element(vp:field)">
    <xsl:param name="term" as="xs:string"/>
    <xsl:param name="dspace" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <vp:field term="{$term}" dspace="{$dspace}">
      <xsl:if test="$value castable as xs:date or $value castable as xs:gYearMonth or $value castable as xs:gYear">
        <xsl:attribute name="type" select="'dcterms:W3CDTF'"/>
      </xsl:if>
      <xsl:text>{$value}</xsl:text>
    </vp:field>
  </xsl:function>

  <!-- Who sent the document, from where and when, and to whom: the roles DC cannot hold. -->
  <xsl:function name="fp:correspondence-sentence" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="senders" select="fp:parties($tei, 'sent')"/>
    <xsl:variable name="addressees" select="fp:parties($tei, 'received')"/>
    <xsl:variable name="sent" select="string-join((
        f:label('deposit-sent'),
        $senders[1] ! f:label('deposit-sent-by', fp:names-text($senders)),
        fp:places($tei, 'sent')[1] ! f:label('deposit-sent-from', fp:places-text(fp:places($tei, 'sent'))),
        f:sent-date($tei) ! f:label('deposit-sent-on', f:format-date(.))), ' ') || '.'"/>
    <xsl:variable name="received" select="
        if (empty($addressees)) then ()
        else string-join((f:label('deposit-addressed-to', fp:names-text($addressees)),
          fp:places($tei, 'received')[1] ! f:label('deposit-addressed-in', fp:places-text(fp:places($tei, 'received')))), ' ') || '.'"/>
    <xsl:variable name="unplaced" select="
        if (exists($addressees) and empty(fp:places($tei, 'received')))
        then f:label('deposit-receipt-place-unrecorded') else ()"/>
    <xsl:sequence select="string-join(($sent, $received, $unplaced), ' ')"/>
  </xsl:function>

  <!-- Places in words, each by its authorised name with its certainty: "Beijing (probable)". -->
  <xsl:function name="fp:places-text" as="xs:string">
    <xsl:param name="places" as="element()*"/>
    <xsl:sequence select="string-join($places ! fp:with-certainty(., fp:authorised-name(.)), '; ')"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Serialisations                                            -->
  <!-- ======================================================= -->

  <!-- A Qualified DC record (qualifieddc.xsd): dc: and dcterms: elements, schemes as xsi:type. -->
  <xsl:template name="tp:qualified-dc">
    <xsl:param name="fields" as="element(vp:field)*"/>
    <qualifieddc>
      <xsl:namespace name="dc" select="$vp:dc-namespaces('dc')"/>
      <xsl:namespace name="dcterms" select="$vp:dc-namespaces('dcterms')"/>
      <xsl:namespace name="xsi" select="'http://www.w3.org/2001/XMLSchema-instance'"/>
      <xsl:for-each select="$fields">
        <xsl:element name="{@term}" namespace="{$vp:dc-namespaces(substring-before(@term, ':'))}">
          <xsl:for-each select="@type">
            <xsl:attribute name="xsi:type" select="."/>
          </xsl:for-each>
          <xsl:value-of select="."/>
        </xsl:element>
      </xsl:for-each>
    </qualifieddc>
  </xsl:template>

  <!-- The dublin_core.xml of a DSpace Simple Archive Format item (schema "dc"). -->
  <xsl:template name="tp:dspace-dublin-core">
    <xsl:param name="fields" as="element(vp:field)*"/>
    <dublin_core schema="dc">
      <xsl:for-each select="$fields">
        <dcvalue element="{tokenize(@dspace, '\.')[1]}" qualifier="{(tokenize(@dspace, '\.')[2], 'none')[1]}">
          <xsl:value-of select="."/>
        </dcvalue>
      </xsl:for-each>
    </dublin_core>
  </xsl:template>

</xsl:stylesheet>
