<?xml version="1.0" encoding="UTF-8"?>
<!--
  mods.xsl: the TEI header to MODS 3.7 crosswalk, part of deposit.xsl.

  Writes one mods:mods for the edition and one per document; mets.xsl wraps the same
  records in its dmdSec. Structure the TEI records is kept: the date and place of sending
  (originInfo of the production) apart from the edition's publisher, date and version
  (originInfo of the publication); sender and addressee as names with MARC relator roles;
  the archival original, the English translation and the works cited as related items.
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
    xmlns:mods="http://www.loc.gov/mods/v3"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns="http://www.loc.gov/mods/v3"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="described.xsl"/>

  <xsl:variable name="vp:mods-version" select="'3.7'"/>
  <!-- The list the genre of a document comes from: the closed list of text types that the
       edition's schema declares for text/@type. -->
  <xsl:variable name="vp:genre-authority" select="'local'"/>
  <xsl:variable name="vp:genre-list" select="f:label('deposit-genre-list')"/>
  <xsl:variable name="vp:relator-authority" select="'http://id.loc.gov/vocabulary/relators'"/>

  <!-- ======================================================= -->
  <!-- The edition                                               -->
  <!-- ======================================================= -->

  <xsl:template name="tp:mods-edition">
    <mods version="{$vp:mods-version}">
      <titleInfo usage="primary">
        <title>{$v:edition/@title}</title>
        <xsl:if test="normalize-space($v:edition/@subtitle)">
          <subTitle>{$v:edition/@subtitle}</subTitle>
        </xsl:if>
      </titleInfo>
      <xsl:for-each select="$v:edition/c:editor">
        <name>
          <namePart>{.}</namePart>
          <xsl:call-template name="tp:mods-role">
            <xsl:with-param name="code" select="'edt'"/>
          </xsl:call-template>
        </name>
      </xsl:for-each>
      <typeOfResource collection="yes">text</typeOfResource>
      <originInfo eventType="publication">
        <publisher>{$v:edition/@publisher}</publisher>
        <dateIssued encoding="w3cdtf" keyDate="yes">{$v:edition/@date}</dateIssued>
        <edition>{$v:edition/@version}</edition>
      </originInfo>
      <xsl:variable name="span" select="fp:edition-span()"/>
      <xsl:if test="exists($span)">
        <originInfo eventType="production" displayLabel="{f:label('deposit-dates-of-documents')}">
          <dateCreated encoding="w3cdtf" point="start">{$span[1]}</dateCreated>
          <dateCreated encoding="w3cdtf" point="end">{$span[2]}</dateCreated>
        </originInfo>
      </xsl:if>
      <language>
        <languageTerm type="code" authority="rfc5646">{$v:edition/@language}</languageTerm>
      </language>
      <xsl:call-template name="tp:mods-physical-description">
        <xsl:with-param name="formats" select="$vp:edition-formats"/>
      </xsl:call-template>
      <xsl:call-template name="tp:mods-subjects">
        <xsl:with-param name="terms" select="$v:documents-in-order ! fp:keyword-terms(.)"/>
      </xsl:call-template>
      <xsl:for-each select="$v:documents-in-order">
        <relatedItem type="constituent">
          <titleInfo><title>{f:title(.)}</title></titleInfo>
          <identifier type="local">{@xml:id}</identifier>
          <part order="{position()}">
            <detail type="document"><number>{position()}</number></detail>
          </part>
        </relatedItem>
      </xsl:for-each>
      <identifier type="local">{$v:edition/@id}</identifier>
      <xsl:for-each select="fp:page-url(f:site-page('home'))">
        <location><url usage="primary display">{.}</url></location>
      </xsl:for-each>
      <accessCondition type="use and reproduction" xlink:href="{$v:edition/@licence-url}">{
        fp:edition-licence-text()}</accessCondition>
      <xsl:call-template name="tp:mods-record-info">
        <xsl:with-param name="identifier" select="string($v:edition/@id)"/>
        <xsl:with-param name="origin" select="f:label('deposit-origin-edition')"/>
      </xsl:call-template>
    </mods>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- A document                                                -->
  <!-- ======================================================= -->

  <xsl:template name="tp:mods-document">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:variable name="titles" select="$header/tei:fileDesc/tei:titleStmt/tei:title"/>
    <mods version="{$vp:mods-version}">
      <!-- The document's number in the edition (TEI/@n), as a reader cites it: "no. 6". -->
      <titleInfo usage="primary">
        <title>{f:title($tei)}</title>
        <xsl:if test="f:number($tei) != ''">
          <partNumber>{f:document-label($tei)}</partNumber>
        </xsl:if>
      </titleInfo>
      <xsl:for-each select="$titles[@type = 'short']">
        <titleInfo type="abbreviated"><title>{normalize-space(.)}</title></titleInfo>
      </xsl:for-each>
      <xsl:for-each select="$titles[not(@type = ('main', 'short'))]">
        <titleInfo type="alternative"><title>{normalize-space(.)}</title></titleInfo>
      </xsl:for-each>

      <xsl:for-each select="fp:parties($tei, 'sent')">
        <xsl:call-template name="tp:mods-name">
          <xsl:with-param name="name" select="."/>
          <xsl:with-param name="code" select="'aut'"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:for-each select="fp:parties($tei, 'received')">
        <xsl:call-template name="tp:mods-name">
          <xsl:with-param name="name" select="."/>
          <xsl:with-param name="code" select="'rcp'"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="tp:mods-editors">
        <xsl:with-param name="title-statement" select="$header/tei:fileDesc/tei:titleStmt"/>
      </xsl:call-template>

      <typeOfResource>text</typeOfResource>
      <xsl:for-each select="$tei/tei:text/@type">
        <genre authority="{$vp:genre-authority}" displayLabel="{$vp:genre-list}">{f:type-label(.)}</genre>
      </xsl:for-each>

      <originInfo eventType="production" displayLabel="{f:label('deposit-sending')}">
        <xsl:for-each select="fp:places($tei, 'sent')">
          <xsl:call-template name="tp:mods-place">
            <xsl:with-param name="place" select="."/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="f:sent-date($tei)">
          <xsl:call-template name="tp:mods-date">
            <xsl:with-param name="date" select="."/>
            <xsl:with-param name="key" select="true()"/>
          </xsl:call-template>
        </xsl:for-each>
        <!-- Other dates the sources give for the same document (document no. 3). -->
        <xsl:for-each select="f:variant-dates($tei)">
          <xsl:call-template name="tp:mods-date">
            <xsl:with-param name="date" select="."/>
            <xsl:with-param name="key" select="false()"/>
          </xsl:call-template>
        </xsl:for-each>
      </originInfo>
      <!-- The place of receipt is no subject of the document but where it went: an
           event of its own, as the sending is. -->
      <xsl:if test="exists(fp:places($tei, 'received'))">
        <originInfo eventType="receipt" displayLabel="{f:label('deposit-receiving')}">
          <xsl:for-each select="fp:places($tei, 'received')">
            <xsl:call-template name="tp:mods-place">
              <xsl:with-param name="place" select="."/>
            </xsl:call-template>
          </xsl:for-each>
        </originInfo>
      </xsl:if>
      <originInfo eventType="publication" displayLabel="{f:label('deposit-this-edition')}">
        <xsl:for-each select="$header/tei:fileDesc/tei:publicationStmt/tei:publisher">
          <publisher>{normalize-space(.)}</publisher>
        </xsl:for-each>
        <dateIssued encoding="w3cdtf">{$v:edition/@date}</dateIssued>
        <edition>{$v:edition/@version}</edition>
      </originInfo>

      <!-- The record describes the edition's summary; the original's languages are on
           the original's relatedItem. -->
      <language><languageTerm type="code" authority="rfc5646">{fp:summary-language($tei)}</languageTerm></language>
      <xsl:call-template name="tp:mods-physical-description"/>
      <xsl:for-each select="fp:abstract($tei)">
        <abstract type="summary">{.}</abstract>
      </xsl:for-each>

      <xsl:call-template name="tp:mods-subjects">
        <xsl:with-param name="terms" select="fp:keyword-terms($tei)"/>
      </xsl:call-template>

      <xsl:for-each select="fp:variant-notes($tei)">
        <note type="date">{.}</note>
      </xsl:for-each>
      <xsl:for-each select="fp:document-notes($tei)">
        <note type="{(@type, 'general')[1]}">{normalize-space(.)}</note>
      </xsl:for-each>
      <xsl:for-each select="(fp:places($tei, 'sent'), fp:places($tei, 'received'))[f:certainty(.)]">
        <note type="place">{fp:place-event(.)}: {fp:with-certainty(., fp:authorised-name(.))}.</note>
      </xsl:for-each>
      <xsl:if test="empty(fp:places($tei, 'received'))">
        <note type="place">{f:label('deposit-receipt-place-note')}</note>
      </xsl:if>
      <xsl:if test="f:status($tei)">
        <note type="editorial status">{f:status-label(f:status($tei))}</note>
      </xsl:if>
      <xsl:for-each select="fp:provenance($tei)">
        <note type="action" displayLabel="{f:label('deposit-encoding-history')}">{.}</note>
      </xsl:for-each>

      <relatedItem type="host">
        <titleInfo><title>{$v:edition/@title}</title></titleInfo>
        <identifier type="local">{$v:edition/@id}</identifier>
        <!-- The number the edition gives the document (TEI/@n), else its place in date order. -->
        <xsl:variable name="number" select="(f:number($tei)[. != ''], string(fp:number($tei)))[1]"/>
        <part order="{fp:number($tei)}">
          <detail type="document"><number>{$number}</number><caption>{f:label('document-number', $number)}</caption></detail>
        </part>
      </relatedItem>
      <xsl:call-template name="tp:mods-original">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <xsl:call-template name="tp:mods-translation">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <xsl:for-each select="fp:cited-works($tei)">
        <xsl:call-template name="tp:mods-cited-work">
          <xsl:with-param name="bibl" select="."/>
        </xsl:call-template>
      </xsl:for-each>

      <identifier type="local">{$tei/@xml:id}</identifier>
      <xsl:for-each select="fp:page-url(f:stem($tei) || '.html')">
        <location><url usage="primary display">{.}</url></location>
      </xsl:for-each>
      <xsl:for-each select="fp:licence($tei)">
        <accessCondition type="use and reproduction">
          <xsl:for-each select="@target">
            <xsl:attribute name="xlink:href" select="."/>
          </xsl:for-each>
          <xsl:text>{normalize-space(.)}</xsl:text>
        </accessCondition>
      </xsl:for-each>
      <xsl:call-template name="tp:mods-record-info">
        <xsl:with-param name="identifier" select="string($tei/@xml:id)"/>
        <xsl:with-param name="origin" select="f:label('deposit-origin-document', f:stem($tei) || '.xml')"/>
        <xsl:with-param name="changes" select="fp:change-dates($tei)"/>
      </xsl:call-template>
    </mods>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Parts                                                     -->
  <!-- ======================================================= -->

  <!-- A sender or addressee: the authorised name, the form the header writes, the role. -->
  <xsl:template name="tp:mods-name">
    <xsl:param name="name" as="element()"/>
    <xsl:param name="code" as="xs:string"/>
    <name type="{if (fp:is-person($name)) then 'personal' else 'corporate'}">
      <xsl:for-each select="fp:authority-uri($name)">
        <xsl:attribute name="valueURI" select="."/>
      </xsl:for-each>
      <namePart>{fp:authorised-name($name)}</namePart>
      <xsl:if test="normalize-space($name) != fp:authorised-name($name)">
        <displayForm>{normalize-space($name)}</displayForm>
      </xsl:if>
      <xsl:call-template name="tp:mods-role">
        <xsl:with-param name="code" select="$code"/>
      </xsl:call-template>
      <xsl:if test="$name/@cert">
        <description>{f:label('deposit-identification-certainty', string($name/@cert))}</description>
      </xsl:if>
    </name>
  </xsl:template>

  <xsl:template name="tp:mods-role">
    <xsl:param name="code" as="xs:string"/>
    <role>
      <roleTerm type="code" authority="marcrelator" authorityURI="{$vp:relator-authority}">{$code}</roleTerm>
      <roleTerm type="text" authority="marcrelator" authorityURI="{$vp:relator-authority}">{$vp:relators($code)}</roleTerm>
    </role>
  </xsl:template>

  <!-- The editors of the header (titleStmt/editor) and those with a stated responsibility
       (respStmt), merged by name: one name with the Editor role and each responsibility. -->
  <xsl:template name="tp:mods-editors">
    <xsl:param name="title-statement" as="element(tei:titleStmt)?"/>
    <xsl:variable name="contributors" as="element(fp:contributor)*">
      <xsl:for-each select="$title-statement/tei:editor">
        <fp:contributor name="{normalize-space(.)}" code="edt"/>
      </xsl:for-each>
      <xsl:for-each select="$title-statement/tei:respStmt/(tei:persName | tei:orgName | tei:name)">
        <fp:contributor name="{fp:authorised-name(.)}" resp="{normalize-space(../tei:resp)}"
            type="{if (self::tei:persName) then 'personal' else if (self::tei:orgName) then 'corporate' else ''}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each-group select="$contributors" group-by="@name">
      <name>
        <xsl:for-each select="(current-group()/@type[. != ''])[1]">
          <xsl:attribute name="type" select="."/>
        </xsl:for-each>
        <namePart>{current-grouping-key()}</namePart>
        <xsl:for-each select="distinct-values(current-group()/@code)">
          <xsl:call-template name="tp:mods-role">
            <xsl:with-param name="code" select="."/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="distinct-values(current-group()/@resp[. != ''])">
          <role><roleTerm type="text">{.}</roleTerm></role>
        </xsl:for-each>
      </name>
    </xsl:for-each-group>
  </xsl:template>

  <!-- A TEI date as MODS dateCreated: a point, or the two ends of a range. Variant dates
       are marked questionable; the adopted date is the record's key date. -->
  <xsl:template name="tp:mods-date">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:param name="key" as="xs:boolean"/>
    <xsl:variable name="start" select="($date/@from, $date/@notBefore)[1]"/>
    <xsl:variable name="end" select="($date/@to, $date/@notAfter)[1]"/>
    <xsl:variable name="doubtful" select="not($key) or $date/@cert = ('low', 'unknown')"/>
    <xsl:choose>
      <xsl:when test="$date/@when">
        <dateCreated encoding="w3cdtf">
          <xsl:if test="$key"><xsl:attribute name="keyDate" select="'yes'"/></xsl:if>
          <xsl:if test="$doubtful"><xsl:attribute name="qualifier" select="'questionable'"/></xsl:if>
          <xsl:text>{$date/@when}</xsl:text>
        </dateCreated>
      </xsl:when>
      <xsl:when test="$start or $end">
        <xsl:for-each select="$start">
          <dateCreated encoding="w3cdtf" point="start">
            <xsl:if test="$key"><xsl:attribute name="keyDate" select="'yes'"/></xsl:if>
            <xsl:if test="$doubtful"><xsl:attribute name="qualifier" select="'questionable'"/></xsl:if>
            <xsl:text>{.}</xsl:text>
          </dateCreated>
        </xsl:for-each>
        <xsl:for-each select="$end">
          <dateCreated encoding="w3cdtf" point="end">
            <xsl:if test="$doubtful"><xsl:attribute name="qualifier" select="'questionable'"/></xsl:if>
            <xsl:text>{.}</xsl:text>
          </dateCreated>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <dateCreated>{normalize-space($date)}</dateCreated>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A place of sending or receipt; one the editors doubt is marked as supplied (MODS has
       no certainty) and named in a note of the record (fp:place-event). -->
  <xsl:template name="tp:mods-place">
    <xsl:param name="place" as="element()"/>
    <place>
      <xsl:if test="f:certainty($place)">
        <xsl:attribute name="supplied" select="'yes'"/>
      </xsl:if>
      <placeTerm type="text">
        <xsl:for-each select="fp:authority-uri($place)">
          <xsl:attribute name="valueURI" select="."/>
        </xsl:for-each>
        <xsl:text>{fp:authorised-name($place)}</xsl:text>
      </placeTerm>
    </place>
  </xsl:template>

  <xsl:function name="fp:place-event" as="xs:string">
    <xsl:param name="place" as="element()"/>
    <xsl:sequence select="if ($place/parent::tei:correspAction/@type = 'received') then f:label('deposit-place-of-receipt') else f:label('deposit-place-of-sending')"/>
  </xsl:function>

  <!-- Keywords, each once, typed by the kind of their authority entry (fp:keyword-kind):
       a place is geographic, an organisation or person a name, an event a name of type
       conference (MODS has no event subject), anything else a topic. -->
  <xsl:template name="tp:mods-subjects">
    <xsl:param name="terms" as="element(tei:term)*"/>
    <xsl:for-each-group select="$terms" group-by="normalize-space(.)">
      <xsl:variable name="kind" select="fp:keyword-kind(.)"/>
      <xsl:variable name="uri" select="fp:keyword-entry(.) ! (tei:idno[matches(normalize-space(.), '^https?://')])[1] ! normalize-space(.)"/>
      <subject>
        <xsl:choose>
          <xsl:when test="$kind = 'geographic'">
            <geographic>
              <xsl:for-each select="$uri"><xsl:attribute name="valueURI" select="."/></xsl:for-each>
              <xsl:text>{current-grouping-key()}</xsl:text>
            </geographic>
          </xsl:when>
          <xsl:when test="$kind = 'topic'">
            <topic>{current-grouping-key()}</topic>
          </xsl:when>
          <xsl:otherwise>
            <name type="{$kind}">
              <xsl:for-each select="$uri"><xsl:attribute name="valueURI" select="."/></xsl:for-each>
              <namePart>{current-grouping-key()}</namePart>
            </name>
          </xsl:otherwise>
        </xsl:choose>
      </subject>
    </xsl:for-each-group>
  </xsl:template>

  <!-- The media types a record's resource comes in: a document's, unless told. -->
  <xsl:template name="tp:mods-physical-description">
    <xsl:param name="formats" as="xs:string+" select="$vp:document-formats"/>
    <physicalDescription>
      <xsl:for-each select="$formats">
        <internetMediaType>{.}</internetMediaType>
      </xsl:for-each>
      <digitalOrigin>born digital</digitalOrigin>
    </physicalDescription>
  </xsl:template>

  <!-- The archival original: repository, call number and other identifiers where the header
       records them, the archive page that describes it, and the editors' notes on it. -->
  <xsl:template name="tp:mods-original">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:for-each select="fp:original($tei)">
      <xsl:variable name="identifier" select="tei:msIdentifier"/>
      <relatedItem type="original" displayLabel="{f:label('deposit-archival-original')}">
        <xsl:for-each select="fp:original-languages($tei)">
          <language><languageTerm type="code" authority="rfc5646">{.}</languageTerm></language>
        </xsl:for-each>
        <location>
          <xsl:for-each select="$identifier/tei:repository">
            <physicalLocation>
              <xsl:for-each select="fp:authority-uri(.)">
                <xsl:attribute name="valueURI" select="."/>
              </xsl:for-each>
              <xsl:text>{normalize-space(.)}</xsl:text>
            </physicalLocation>
          </xsl:for-each>
          <xsl:for-each select="$identifier/tei:idno[@type = 'call-number']">
            <shelfLocator>{normalize-space(.)}</shelfLocator>
          </xsl:for-each>
        </location>
        <xsl:for-each select="$identifier/(tei:idno[not(@type = 'call-number')] | tei:altIdentifier/tei:idno)">
          <identifier type="{(@type, ../@type, 'local')[1]}">{normalize-space(.)}</identifier>
        </xsl:for-each>
        <xsl:for-each select=".//tei:note">
          <note type="{(@type, 'general')[1]}">{normalize-space(.)}</note>
        </xsl:for-each>
      </relatedItem>
    </xsl:for-each>
  </xsl:template>

  <!-- The English translation the editors read: the document's page in the online archive. -->
  <xsl:template name="tp:mods-translation">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:for-each select="fp:archive-page($tei)">
      <relatedItem type="otherVersion" displayLabel="{f:label('deposit-translation')}">
        <xsl:for-each select="tei:title">
          <titleInfo><title>{normalize-space(.)}</title></titleInfo>
        </xsl:for-each>
        <xsl:if test="tei:publisher">
          <originInfo eventType="publication">
            <xsl:for-each select="tei:publisher">
              <publisher>{normalize-space(.)}</publisher>
            </xsl:for-each>
          </originInfo>
        </xsl:if>
        <xsl:if test="fp:languages($tei)/@ident = 'en'">
          <language><languageTerm type="code" authority="rfc5646">en</languageTerm></language>
        </xsl:if>
        <xsl:for-each select="fp:url(.)">
          <location><url>{.}</url></location>
        </xsl:for-each>
        <xsl:for-each select="tei:note">
          <note type="{(@type, 'general')[1]}">{normalize-space(.)}</note>
        </xsl:for-each>
      </relatedItem>
    </xsl:for-each>
  </xsl:template>

  <!-- A work of the bibliography that the header cites as a source (the introducing post). -->
  <xsl:template name="tp:mods-cited-work">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <relatedItem type="isReferencedBy">
      <xsl:for-each select="$bibl/tei:title">
        <titleInfo><title>{normalize-space(.)}</title></titleInfo>
      </xsl:for-each>
      <xsl:for-each select="$bibl/tei:author">
        <name>
          <xsl:if test="f:entry(.)/self::tei:person">
            <xsl:attribute name="type" select="'personal'"/>
          </xsl:if>
          <namePart>{normalize-space(.)}</namePart>
          <xsl:call-template name="tp:mods-role">
            <xsl:with-param name="code" select="'aut'"/>
          </xsl:call-template>
        </name>
      </xsl:for-each>
      <xsl:if test="$bibl/(tei:publisher | tei:pubPlace | tei:date)">
        <originInfo eventType="publication">
          <xsl:for-each select="$bibl/tei:pubPlace">
            <place><placeTerm type="text">{normalize-space(.)}</placeTerm></place>
          </xsl:for-each>
          <xsl:for-each select="$bibl/tei:publisher">
            <publisher>{normalize-space(.)}</publisher>
          </xsl:for-each>
          <xsl:for-each select="$bibl/tei:date[@when]">
            <dateIssued encoding="w3cdtf">{@when}</dateIssued>
          </xsl:for-each>
        </originInfo>
      </xsl:if>
      <xsl:for-each select="fp:url($bibl)">
        <location><url>{.}</url></location>
      </xsl:for-each>
    </relatedItem>
  </xsl:template>

  <xsl:template name="tp:mods-record-info">
    <xsl:param name="identifier" as="xs:string"/>
    <xsl:param name="origin" as="xs:string"/>
    <xsl:param name="changes" as="xs:string*" select="()"/>
    <recordInfo>
      <recordContentSource>{$v:edition/@publisher}</recordContentSource>
      <recordCreationDate encoding="w3cdtf">{$v:edition/@build-date}</recordCreationDate>
      <xsl:for-each select="$changes">
        <recordChangeDate encoding="w3cdtf">{.}</recordChangeDate>
      </xsl:for-each>
      <recordIdentifier source="{$v:edition/@id}">{$identifier}</recordIdentifier>
      <recordOrigin>{f:label('deposit-record-origin', (string($v:edition/@generator-version), $origin))}</recordOrigin>
      <languageOfCataloging>
        <languageTerm type="code" authority="rfc5646">{$v:edition/@language}</languageTerm>
      </languageOfCataloging>
      <recordInfoNote type="record creation date">{f:label('deposit-record-date-note')}</recordInfoNote>
    </recordInfo>
  </xsl:template>

</xsl:stylesheet>
