<?xml version="1.0" encoding="UTF-8"?>
<!--
  dc.xsl: the TEI header to Dublin Core crosswalk, part of deposit.xsl.

  The crosswalk is written once, as a list of fields (fp:field: the DCMI term, the DSpace
  element.qualifier it maps to, an optional encoding scheme, and the value); two templates
  serialise the list: as a Qualified DC record (dc/*.xml, DCMI schemas) and as the
  dublin_core.xml of a DSpace Simple Archive Format item. Dublin Core has no roles: the
  sender is dc:creator, addressees and editors are dc:contributor, and a dc:description
  sentence says who sent the document to whom (DSpace keeps the difference in qualifiers).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:c="urn:cables:manifest"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:variable name="fp:dc-namespaces" as="map(xs:string, xs:string)" select="map {
      'dc': 'http://purl.org/dc/elements/1.1/',
      'dcterms': 'http://purl.org/dc/terms/' }"/>

  <!-- ======================================================= -->
  <!-- The crosswalk                                             -->
  <!-- ======================================================= -->

  <xsl:function name="fp:document-fields" as="element(fp:field)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:variable name="senders" select="fp:parties($tei, 'sent')"/>
    <xsl:variable name="addressees" select="fp:parties($tei, 'received')"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>

    <fp:field term="dc:title" dspace="title">{f:title($tei)}</fp:field>
    <xsl:for-each select="$header/tei:fileDesc/tei:titleStmt/tei:title[not(@type = 'main')]">
      <fp:field term="dcterms:alternative" dspace="title.alternative">{normalize-space(.)}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="$senders">
      <fp:field term="dc:creator" dspace="contributor.author">{fp:authorised-name(.)}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="$addressees">
      <fp:field term="dc:contributor" dspace="contributor.other">{fp:authorised-name(.)}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="distinct-values($header/tei:fileDesc/tei:titleStmt/tei:editor ! normalize-space(.))">
      <fp:field term="dc:contributor" dspace="contributor.editor">{.}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="fp:iso-date($date)">
      <xsl:sequence select="fp:date-field('dcterms:created', 'date.created', .)"/>
    </xsl:for-each>
    <xsl:sequence select="fp:date-field('dcterms:issued', 'date.issued', $f:edition/@date)"/>
    <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:publisher">
      <fp:field term="dc:publisher" dspace="publisher">{normalize-space(.)}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="fp:languages($tei)">
      <fp:field term="dc:language" dspace="language.iso" type="dcterms:RFC4646">{@ident}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="fp:keywords($tei)">
      <fp:field term="dc:subject" dspace="subject">{.}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="distinct-values((fp:places($tei, 'sent'), fp:places($tei, 'received')) ! fp:authorised-name(.))">
      <fp:field term="dcterms:spatial" dspace="coverage.spatial">{.}</fp:field>
    </xsl:for-each>
    <fp:field term="dc:type" dspace="type" type="dcterms:DCMIType">Text</fp:field>
    <xsl:for-each select="$tei/tei:text/@type">
      <fp:field term="dc:type" dspace="type">{f:type-label(.)}</fp:field>
    </xsl:for-each>
    <fp:field term="dc:format" dspace="format.mimetype" type="dcterms:IMT">application/tei+xml</fp:field>
    <fp:field term="dc:identifier" dspace="identifier.other">{$tei/@xml:id}</fp:field>
    <xsl:for-each select="fp:page-url(f:stem($tei) || '.html')">
      <fp:field term="dc:identifier" dspace="identifier.uri" type="dcterms:URI">{.}</fp:field>
    </xsl:for-each>

    <xsl:for-each select="fp:original($tei)/tei:msIdentifier">
      <fp:field term="dc:source" dspace="source">{string-join((
          tei:repository, tei:idno, tei:altIdentifier/tei:idno) ! normalize-space(.), ', ')}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="fp:url(fp:archive-page($tei))">
      <fp:field term="dc:source" dspace="source.uri" type="dcterms:URI">{.}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="fp:cited-works($tei)">
      <xsl:choose>
        <xsl:when test="fp:url(.)">
          <fp:field term="dcterms:isReferencedBy" dspace="relation.isreferencedby" type="dcterms:URI">{fp:url(.)}</fp:field>
        </xsl:when>
        <xsl:otherwise>
          <fp:field term="dcterms:isReferencedBy" dspace="relation.isreferencedby">{normalize-space(tei:title[1])}</fp:field>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <fp:field term="dcterms:isPartOf" dspace="relation.ispartof">{$f:edition/@title}</fp:field>

    <fp:field term="dc:description" dspace="description">{fp:correspondence-sentence($tei)}</fp:field>
    <xsl:for-each select="fp:variant-notes($tei)">
      <fp:field term="dc:description" dspace="description">{.}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="$header/tei:profileDesc/tei:correspDesc//tei:note">
      <fp:field term="dc:description" dspace="description">{normalize-space(.)}</fp:field>
    </xsl:for-each>
    <xsl:if test="f:status($tei)">
      <fp:field term="dc:description" dspace="description">State of the edition's text: {f:status-label(f:status($tei))}.</fp:field>
    </xsl:if>

    <xsl:for-each select="fp:licence($tei)">
      <fp:field term="dc:rights" dspace="rights">{string-join((normalize-space(.), @target), ' ')}</fp:field>
      <xsl:for-each select="@target">
        <fp:field term="dcterms:license" dspace="rights.uri" type="dcterms:URI">{.}</fp:field>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="fp:edition-fields" as="element(fp:field)*">
    <xsl:variable name="span" select="fp:edition-span()"/>
    <fp:field term="dc:title" dspace="title">{$f:edition/@title}</fp:field>
    <xsl:if test="normalize-space($f:edition/@subtitle)">
      <fp:field term="dc:description" dspace="description">{$f:edition/@subtitle}</fp:field>
    </xsl:if>
    <xsl:for-each select="$f:edition/c:editor">
      <fp:field term="dc:creator" dspace="contributor.editor">{.}</fp:field>
    </xsl:for-each>
    <fp:field term="dc:publisher" dspace="publisher">{$f:edition/@publisher}</fp:field>
    <xsl:sequence select="fp:date-field('dcterms:issued', 'date.issued', $f:edition/@date)"/>
    <xsl:if test="exists($span)">
      <fp:field term="dcterms:temporal" dspace="coverage.temporal" type="dcterms:Period">start={$span[1]}; end={$span[2]}; scheme=W3C-DTF;</fp:field>
    </xsl:if>
    <fp:field term="dc:language" dspace="language.iso" type="dcterms:RFC4646">{$f:edition/@language}</fp:field>
    <xsl:for-each select="distinct-values($f:documents-in-order ! fp:keywords(.))">
      <fp:field term="dc:subject" dspace="subject">{.}</fp:field>
    </xsl:for-each>
    <xsl:for-each select="distinct-values($f:documents-in-order ! (fp:places(., 'sent'), fp:places(., 'received')) ! fp:authorised-name(.))">
      <fp:field term="dcterms:spatial" dspace="coverage.spatial">{.}</fp:field>
    </xsl:for-each>
    <fp:field term="dc:type" dspace="type" type="dcterms:DCMIType">Collection</fp:field>
    <fp:field term="dc:type" dspace="type" type="dcterms:DCMIType">Text</fp:field>
    <xsl:for-each select="('application/tei+xml', 'application/pdf', 'text/html')">
      <fp:field term="dc:format" dspace="format.mimetype" type="dcterms:IMT">{.}</fp:field>
    </xsl:for-each>
    <fp:field term="dc:identifier" dspace="identifier.other">{$f:edition/@id}</fp:field>
    <xsl:for-each select="fp:page-url('index.html')">
      <fp:field term="dc:identifier" dspace="identifier.uri" type="dcterms:URI">{.}</fp:field>
    </xsl:for-each>
    <fp:field term="dc:description" dspace="description">Version {$f:edition/@version}.</fp:field>
    <xsl:for-each select="$f:documents-in-order">
      <fp:field term="dcterms:hasPart" dspace="relation.haspart">{f:title(.)}</fp:field>
    </xsl:for-each>
    <fp:field term="dc:rights" dspace="rights">{fp:edition-licence-text()} {$f:edition/@licence-url}</fp:field>
    <fp:field term="dcterms:license" dspace="rights.uri" type="dcterms:URI">{$f:edition/@licence-url}</fp:field>
  </xsl:function>

  <!-- A date field, typed W3CDTF when it is one (a day, month or year), else plain text. -->
  <xsl:function name="fp:date-field" as="element(fp:field)">
    <xsl:param name="term" as="xs:string"/>
    <xsl:param name="dspace" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <fp:field term="{$term}" dspace="{$dspace}">
      <xsl:if test="$value castable as xs:date or $value castable as xs:gYearMonth or $value castable as xs:gYear">
        <xsl:attribute name="type" select="'dcterms:W3CDTF'"/>
      </xsl:if>
      <xsl:text>{$value}</xsl:text>
    </fp:field>
  </xsl:function>

  <!-- Who sent the document, from where and when, and to whom: the roles DC cannot hold. -->
  <xsl:function name="fp:correspondence-sentence" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="senders" select="fp:parties($tei, 'sent')"/>
    <xsl:variable name="addressees" select="fp:parties($tei, 'received')"/>
    <xsl:variable name="sent" select="string-join((
        'Sent',
        $senders[1] ! ('by ' || fp:names-text($senders)),
        fp:places($tei, 'sent')[1] ! ('from ' || fp:names-text(fp:places($tei, 'sent'))),
        f:sent-date($tei) ! ('on ' || f:format-date(.))), ' ') || '.'"/>
    <xsl:variable name="received" select="
        if (empty($addressees)) then ()
        else 'Addressed to ' || fp:names-text($addressees)
          || (fp:places($tei, 'received')[1] ! (' in ' || fp:names-text(fp:places($tei, 'received')))) || '.'"/>
    <xsl:sequence select="string-join(($sent, $received), ' ')"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Serialisations                                            -->
  <!-- ======================================================= -->

  <!-- A Qualified DC record (qualifieddc.xsd): dc: and dcterms: elements, schemes as xsi:type. -->
  <xsl:template name="fp:qualified-dc">
    <xsl:param name="fields" as="element(fp:field)*"/>
    <qualifieddc>
      <xsl:namespace name="dc" select="$fp:dc-namespaces('dc')"/>
      <xsl:namespace name="dcterms" select="$fp:dc-namespaces('dcterms')"/>
      <xsl:namespace name="xsi" select="'http://www.w3.org/2001/XMLSchema-instance'"/>
      <xsl:for-each select="$fields">
        <xsl:element name="{@term}" namespace="{$fp:dc-namespaces(substring-before(@term, ':'))}">
          <xsl:for-each select="@type">
            <xsl:attribute name="xsi:type" select="."/>
          </xsl:for-each>
          <xsl:value-of select="."/>
        </xsl:element>
      </xsl:for-each>
    </qualifieddc>
  </xsl:template>

  <!-- The dublin_core.xml of a DSpace Simple Archive Format item (schema "dc"). -->
  <xsl:template name="fp:dspace-dublin-core">
    <xsl:param name="fields" as="element(fp:field)*"/>
    <dublin_core schema="dc">
      <xsl:for-each select="$fields">
        <dcvalue element="{tokenize(@dspace, '\.')[1]}" qualifier="{(tokenize(@dspace, '\.')[2], 'none')[1]}">
          <xsl:value-of select="."/>
        </dcvalue>
      </xsl:for-each>
    </dublin_core>
  </xsl:template>

</xsl:stylesheet>
