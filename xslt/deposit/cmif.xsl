<?xml version="1.0" encoding="UTF-8"?>
<!--
  cmif.xsl: the Correspondence Metadata Interchange Format file, part of deposit.xsl.

  One TEI file (CMIF 1.0, the format correspSearch harvests) with a correspDesc per
  document: sender and addressee, place and date of sending, place of receipt. Names carry
  @ref only when the authority entry records an authority-file URI. A document's URL
  (correspDesc/@ref) needs edition.toml's base_url and is left out while it is empty; the
  URL where this file will be published (publicationStmt/idno type="url") is not known to
  the edition and is never written: add it when registering the file with correspSearch.
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

  <!-- The xml:id of the edition's entry in sourceDesc, which every correspDesc cites. -->
  <xsl:variable name="vp:cmif-source" select="'edition-' || $v:edition/@id"/>

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
            <date when="{$v:edition/@build-date}"/>
            <availability>
              <licence target="{$v:edition/@licence-url}">{fp:edition-licence-text()}</licence>
            </availability>
          </publicationStmt>
          <sourceDesc>
            <bibl type="online" xml:id="{$vp:cmif-source}">
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
            <correspDesc key="{position()}" source="#{$vp:cmif-source}">
              <xsl:for-each select="fp:page-url(f:stem(.) || '.html')">
                <xsl:attribute name="ref" select="."/>
              </xsl:for-each>
              <xsl:call-template name="tp:cmif-action">
                <xsl:with-param name="tei" select="."/>
                <xsl:with-param name="action" select="'sent'"/>
              </xsl:call-template>
              <xsl:call-template name="tp:cmif-action">
                <xsl:with-param name="tei" select="."/>
                <xsl:with-param name="action" select="'received'"/>
              </xsl:call-template>
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

  <!-- One correspAction, left out when the header records no name, place or date for it. -->
  <xsl:template name="tp:cmif-action">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="names" select="fp:parties($tei, $action)"/>
    <xsl:variable name="places" select="fp:places($tei, $action)"/>
    <xsl:variable name="date" select="if ($action = 'sent') then f:sent-date($tei) else ()"/>
    <xsl:if test="exists(($names, $places, $date))">
      <correspAction type="{$action}">
        <xsl:for-each select="$names">
          <xsl:element name="{if (fp:is-person(.)) then 'persName' else 'orgName'}" namespace="http://www.tei-c.org/ns/1.0">
            <xsl:call-template name="tp:cmif-reference"/>
            <xsl:text>{fp:authorised-name(.)}</xsl:text>
          </xsl:element>
        </xsl:for-each>
        <xsl:for-each select="$places">
          <placeName>
            <xsl:call-template name="tp:cmif-reference"/>
            <xsl:text>{fp:authorised-name(.)}</xsl:text>
          </placeName>
        </xsl:for-each>
        <xsl:for-each select="$date">
          <date>
            <xsl:copy-of select="@when | @from | @to | @notBefore | @notAfter | @cert"/>
          </date>
        </xsl:for-each>
      </correspAction>
    </xsl:if>
  </xsl:template>

  <!-- @ref to an authority file where the edition records one, and the editors' certainty. -->
  <xsl:template name="tp:cmif-reference">
    <xsl:for-each select="fp:authority-uri(.)">
      <xsl:attribute name="ref" select="."/>
    </xsl:for-each>
    <xsl:copy-of select="@cert"/>
  </xsl:template>

</xsl:stylesheet>
