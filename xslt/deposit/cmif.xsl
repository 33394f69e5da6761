<?xml version="1.0" encoding="UTF-8"?>
<!--
  cmif.xsl: the Correspondence Metadata Interchange Format file, part of deposit.xsl.

  One TEI file (CMIF 1.0, the format correspSearch harvests) with a correspDesc per
  document: sender and addressee, place and date of sending, place of receipt. Valid
  against the format's RELAX NG schema and free of errors under its Schematron (cmif.sch).
  Names carry @ref when the authority entry records an authority-file URI (fp:authority-uri).
  A document's URL (correspDesc/@ref) needs edition.toml's base_url and is left out while it
  is empty. The format asks for the file's own URL (publicationStmt/idno type="url"): it is
  [deposit] cmif_url, and while that is unset the file's stable URN stands in its place.
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
    xmlns="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The xml:id of the edition's entry in sourceDesc, which every correspDesc cites: a UUID
       as the format recommends, made by cables/deposit.py from the edition's id (a UUID 5,
       so the same on every run), beginning with a letter as an xml:id must. -->
  <xsl:param name="cmif-source-id" as="xs:string" select="'edition-' || $v:edition/@id"/>

  <!-- The URL where this file is published ([deposit] cmif_url), else its URN: the idno
       CMIF requires. -->
  <xsl:param name="cmif-url" as="xs:string" select="'urn:cables:' || $v:edition/@id || ':cmif'"/>

  <!-- CMIF names the two actions it exchanges; one the header leaves unrecorded is written
       with the name "Unknown", as the format asks, so that every letter has both. -->
  <xsl:variable name="vp:cmif-actions" select="('sent', 'received')"/>

  <xsl:template name="tp:cmif">
    <TEI>
      <teiHeader>
        <fileDesc>
          <titleStmt>
            <title>{$v:edition/@title}: correspondence metadata</title>
            <xsl:for-each select="$v:edition/c:editor">
              <editor>{.}</editor>
            </xsl:for-each>
          </titleStmt>
          <publicationStmt>
            <publisher>{$v:edition/@publisher}</publisher>
            <idno type="url">{$cmif-url}</idno>
            <date when="{$v:edition/@build-date}"/>
            <availability>
              <licence target="{$v:edition/@licence-url}">{fp:edition-licence-text()}</licence>
            </availability>
          </publicationStmt>
          <sourceDesc>
            <bibl type="online" xml:id="{$cmif-source-id}">
              <xsl:text>{$v:edition/@title}</xsl:text>
              <xsl:if test="normalize-space($v:edition/@subtitle)">: {$v:edition/@subtitle}</xsl:if>
              <xsl:text>. Edited by {string-join($v:edition/c:editor, ', ')}. {$v:edition/@publisher}, </xsl:text>
              <xsl:text>version {$v:edition/@version}, {$v:edition/@date}.</xsl:text>
              <xsl:for-each select="fp:page-url(f:site-page('home'))">
                <xsl:text> </xsl:text>
                <ref target="{.}">{.}</ref>
              </xsl:for-each>
            </bibl>
          </sourceDesc>
        </fileDesc>
        <profileDesc>
          <xsl:for-each select="$v:documents-in-order">
            <correspDesc key="{position()}" source="#{$cmif-source-id}">
              <xsl:for-each select="fp:page-url(f:stem(.) || '.html')">
                <xsl:attribute name="ref" select="."/>
              </xsl:for-each>
              <xsl:variable name="tei" select="."/>
              <xsl:for-each select="$vp:cmif-actions">
                <xsl:call-template name="tp:cmif-action">
                  <xsl:with-param name="tei" select="$tei"/>
                  <xsl:with-param name="action" select="."/>
                </xsl:call-template>
              </xsl:for-each>
            </correspDesc>
          </xsl:for-each>
        </profileDesc>
      </teiHeader>
      <text>
        <body>
          <p/>
        </body>
      </text>
    </TEI>
  </xsl:template>

  <!-- One correspAction: its names, places and date as the header records them; a person
       "Unknown" when it records no name for the action. -->
  <xsl:template name="tp:cmif-action">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="names" select="fp:parties($tei, $action)"/>
    <xsl:variable name="date" select="if ($action = 'sent') then f:sent-date($tei) else ()"/>
    <correspAction type="{$action}">
      <xsl:for-each select="$names">
        <xsl:element name="{if (fp:is-person(.)) then 'persName' else 'orgName'}" namespace="http://www.tei-c.org/ns/1.0">
          <xsl:call-template name="tp:cmif-reference"/>
          <xsl:text>{fp:authorised-name(.)}</xsl:text>
        </xsl:element>
      </xsl:for-each>
      <xsl:if test="empty($names)">
        <persName>Unknown</persName>
      </xsl:if>
      <xsl:for-each select="fp:places($tei, $action)">
        <placeName>
          <xsl:call-template name="tp:cmif-reference"/>
          <xsl:text>{fp:authorised-name(.)}</xsl:text>
        </placeName>
      </xsl:for-each>
      <!-- CMIF's date needs a dating attribute (cmif.sch E0004): one in words only is left out. -->
      <xsl:for-each select="$date[@when | @from | @to | @notBefore | @notAfter]">
        <date>
          <xsl:copy-of select="@when | @from | @to | @notBefore | @notAfter"/>
          <xsl:call-template name="tp:cmif-certainty"/>
        </date>
      </xsl:for-each>
    </correspAction>
  </xsl:template>

  <!-- @ref to an authority file where the edition records one, and the editors' doubt. -->
  <xsl:template name="tp:cmif-reference">
    <xsl:for-each select="fp:authority-uri(.)">
      <xsl:attribute name="ref" select="."/>
    </xsl:for-each>
    <xsl:call-template name="tp:cmif-certainty"/>
  </xsl:template>

  <!-- CMIF has one degree of doubt, cert="low" ("the attribution is uncertain"): any doubt
       the editors record (low, medium, unknown) becomes it; high certainty, none. -->
  <xsl:template name="tp:cmif-certainty">
    <xsl:if test="normalize-space(@cert) = ('low', 'medium', 'unknown')">
      <xsl:attribute name="cert" select="'low'"/>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
