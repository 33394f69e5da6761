<?xml version="1.0" encoding="UTF-8"?>
<!--
  mets.xsl: the METS 1.12.1 document of the bag, part of deposit.xsl.

  Reads $payload, the inventory cables/deposit.py writes of the bag's payload (path,
  size, SHA-256, media type and, for TEI files, their corpus kind and stem), and writes
  mets.xml at the top of the payload: MODS records of the edition and of each document
  (dmdSec), the PREMIS 3 record of the files, of what checked, made and packed them and
  of those programs with their versions (amdSec, from $provenance), every payload file
  with its checksum (fileSec), a logical map of the edition
  (front matter, documents in date order with their TEI, PDF and HTML files, indexes,
  the book, the ebook when the payload holds one, the schema, the web edition) and a physical map of the folders. FLocat hrefs
  are relative to the payload folder (the bag's data/). mets.xml cannot list itself.
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
    xmlns:p="urn:cables:payload"
    xmlns:mets="http://www.loc.gov/METS/"
    xmlns:mods="http://www.loc.gov/mods/v3"
    xmlns:premis="http://www.loc.gov/premis/v3"
    xmlns:xlink="http://www.w3.org/1999/xlink"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The payload's top folders in the order of the file section, with what each holds. -->
  <xsl:variable name="vp:file-groups" as="map(xs:string, xs:string)" select="map {
      'tei': f:label('deposit-group-tei'), 'schema': f:label('deposit-group-schema'),
      'pdf': f:label('deposit-group-pdf'), 'epub': f:label('deposit-group-epub'),
      'site': f:label('deposit-group-site') }"/>
  <xsl:variable name="vp:file-group-order" select="('tei', 'schema', 'pdf', 'epub', 'site')"/>

  <xsl:variable name="vp:schema-locations" select="string-join((
      'http://www.loc.gov/METS/', 'http://www.loc.gov/standards/mets/version1121/mets.xsd',
      'http://www.loc.gov/mods/v3', 'http://www.loc.gov/standards/mods/v3/mods-3-7.xsd',
      'http://www.loc.gov/premis/v3', 'http://www.loc.gov/standards/premis/v3/premis-v3-0.xsd'), ' ')"/>

  <!-- The METS document, written to $href (relative to the output folder). -->
  <xsl:template name="tp:mets">
    <xsl:param name="href" as="xs:string"/>
    <xsl:if test="empty($payload)">
      <xsl:message terminate="yes">mets.xsl needs the $payload inventory</xsl:message>
    </xsl:if>
    <xsl:variable name="files" select="$payload/p:payload/p:file"/>
    <xsl:if test="count(distinct-values($files ! fp:file-id(@path))) ne count($files)">
      <xsl:message terminate="yes">two payload files map to the same METS file id</xsl:message>
    </xsl:if>
    <xsl:result-document href="{$href}" format="xml">
      <mets:mets OBJID="{$v:edition/@id}-{$v:edition/@version}" LABEL="{$v:edition/@title}"
          TYPE="digital edition" xsi:schemaLocation="{$vp:schema-locations}">
        <mets:metsHdr CREATEDATE="{$v:edition/@build-date}T00:00:00Z">
          <mets:agent ROLE="CREATOR" TYPE="ORGANIZATION">
            <mets:name>{$v:edition/@publisher}</mets:name>
          </mets:agent>
          <mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">
            <mets:name>cables {$v:edition/@generator-version}</mets:name>
          </mets:agent>
        </mets:metsHdr>

        <mets:dmdSec ID="dmd.edition">
          <xsl:call-template name="tp:mets-mods">
            <xsl:with-param name="label" select="string($v:edition/@title)"/>
            <xsl:with-param name="record" select="$vp:edition-mods"/>
          </xsl:call-template>
        </mets:dmdSec>
        <xsl:for-each select="$v:documents-in-order">
          <mets:dmdSec ID="dmd.{fp:document-key(.)}">
            <xsl:call-template name="tp:mets-mods">
              <xsl:with-param name="label" select="f:title(.)"/>
              <xsl:with-param name="record" select="fp:mods(.)"/>
            </xsl:call-template>
          </mets:dmdSec>
        </xsl:for-each>

        <xsl:if test="exists($provenance)">
          <mets:amdSec ID="amd.edition">
            <mets:digiprovMD ID="premis">
              <mets:mdWrap MDTYPE="PREMIS" MIMETYPE="text/xml" LABEL="{f:label('deposit-premis-label')}">
                <mets:xmlData>
                  <xsl:call-template name="tp:premis">
                    <xsl:with-param name="files" select="$files"/>
                  </xsl:call-template>
                </mets:xmlData>
              </mets:mdWrap>
            </mets:digiprovMD>
          </mets:amdSec>
        </xsl:if>

        <mets:fileSec>
          <xsl:for-each-group select="$files" group-by="@group">
            <xsl:sort select="(index-of($vp:file-group-order, current-grouping-key()), 99)[1]"/>
            <mets:fileGrp ID="group.{current-grouping-key()}" USE="{($vp:file-groups(current-grouping-key()), current-grouping-key())[1]}">
              <xsl:for-each select="current-group()">
                <mets:file ID="{fp:file-id(@path)}" MIMETYPE="{@mime}" SIZE="{@size}"
                    CHECKSUM="{@sha256}" CHECKSUMTYPE="SHA-256">
                  <mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="{fp:href(@path)}"/>
                </mets:file>
              </xsl:for-each>
            </mets:fileGrp>
          </xsl:for-each-group>
        </mets:fileSec>

        <xsl:call-template name="tp:mets-logical-map">
          <xsl:with-param name="files" select="$files"/>
        </xsl:call-template>
        <mets:structMap TYPE="physical" LABEL="{f:label('deposit-map-folders')}">
          <mets:div TYPE="folder" LABEL="data/">
            <xsl:call-template name="tp:mets-folder">
              <xsl:with-param name="prefix" select="''"/>
              <xsl:with-param name="files" select="$files"/>
            </xsl:call-template>
          </mets:div>
        </mets:structMap>
      </mets:mets>
    </xsl:result-document>
  </xsl:template>

  <!-- The PREMIS 3 record: each payload file as an object with its SHA-256, size and
       format; the events (validation, transformation, packing) with their date, outcome
       and the agents and files they concern; the agents, programs with their versions.
       The date is SOURCE_DATE_EPOCH's or the edition's, never the clock; each event says
       which. -->
  <xsl:template name="tp:premis">
    <xsl:param name="files" as="element(p:file)*"/>
    <xsl:variable name="record" select="$provenance/p:provenance"/>
    <premis:premis version="3.0">
      <xsl:for-each select="$files">
        <premis:object xsi:type="premis:file">
          <xsl:call-template name="tp:premis-identifier">
            <xsl:with-param name="name" select="'object'"/>
            <xsl:with-param name="value" select="string(@path)"/>
          </xsl:call-template>
          <premis:objectCharacteristics>
            <premis:compositionLevel>0</premis:compositionLevel>
            <premis:fixity>
              <premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm>
              <premis:messageDigest>{@sha256}</premis:messageDigest>
              <premis:messageDigestOriginator>cables</premis:messageDigestOriginator>
            </premis:fixity>
            <premis:size>{@size}</premis:size>
            <premis:format>
              <premis:formatDesignation>
                <premis:formatName>{@mime}</premis:formatName>
              </premis:formatDesignation>
            </premis:format>
          </premis:objectCharacteristics>
          <premis:originalName>{@path}</premis:originalName>
        </premis:object>
      </xsl:for-each>
      <xsl:for-each select="$record/p:event">
        <xsl:variable name="event" select="."/>
        <premis:event>
          <xsl:call-template name="tp:premis-identifier">
            <xsl:with-param name="name" select="'event'"/>
            <xsl:with-param name="value" select="string(@id)"/>
          </xsl:call-template>
          <premis:eventType>{@type}</premis:eventType>
          <premis:eventDateTime>{$record/@date}</premis:eventDateTime>
          <premis:eventDetailInformation>
            <premis:eventDetail>{@detail}. {fp:premis-date-source($record)}</premis:eventDetail>
          </premis:eventDetailInformation>
          <premis:eventOutcomeInformation>
            <premis:eventOutcome>{@outcome}</premis:eventOutcome>
            <xsl:for-each select="@note[normalize-space(.)]">
              <premis:eventOutcomeDetail>
                <premis:eventOutcomeDetailNote>{.}</premis:eventOutcomeDetailNote>
              </premis:eventOutcomeDetail>
            </xsl:for-each>
          </premis:eventOutcomeInformation>
          <xsl:for-each select="tokenize(@agents)">
            <premis:linkingAgentIdentifier>
              <premis:linkingAgentIdentifierType>local</premis:linkingAgentIdentifierType>
              <premis:linkingAgentIdentifierValue>{.}</premis:linkingAgentIdentifierValue>
              <premis:linkingAgentRole>{$record/p:agent[@id = current()]/@role}</premis:linkingAgentRole>
            </premis:linkingAgentIdentifier>
          </xsl:for-each>
          <xsl:for-each select="$files[@group = tokenize($event/@objects)]">
            <premis:linkingObjectIdentifier>
              <premis:linkingObjectIdentifierType>local</premis:linkingObjectIdentifierType>
              <premis:linkingObjectIdentifierValue>{@path}</premis:linkingObjectIdentifierValue>
            </premis:linkingObjectIdentifier>
          </xsl:for-each>
        </premis:event>
      </xsl:for-each>
      <xsl:for-each select="$record/p:agent">
        <premis:agent>
          <xsl:call-template name="tp:premis-identifier">
            <xsl:with-param name="name" select="'agent'"/>
            <xsl:with-param name="value" select="string(@id)"/>
          </xsl:call-template>
          <premis:agentName>{@name}</premis:agentName>
          <premis:agentType>software</premis:agentType>
          <premis:agentVersion>{@version}</premis:agentVersion>
        </premis:agent>
      </xsl:for-each>
    </premis:premis>
  </xsl:template>

  <!-- objectIdentifier, eventIdentifier or agentIdentifier: a local identifier. -->
  <xsl:template name="tp:premis-identifier">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:element name="premis:{$name}Identifier" namespace="http://www.loc.gov/premis/v3">
      <xsl:element name="premis:{$name}IdentifierType" namespace="http://www.loc.gov/premis/v3">local</xsl:element>
      <xsl:element name="premis:{$name}IdentifierValue" namespace="http://www.loc.gov/premis/v3">{$value}</xsl:element>
    </xsl:element>
  </xsl:template>

  <!-- Where the date of the events comes from, in words. -->
  <xsl:function name="fp:premis-date-source" as="xs:string">
    <xsl:param name="record" as="element(p:provenance)"/>
    <xsl:sequence select="if ($record/@date-source = 'SOURCE_DATE_EPOCH')
        then f:label('deposit-date-source-epoch') else f:label('deposit-date-source-edition')"/>
  </xsl:function>

  <xsl:template name="tp:mets-mods">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="record" as="element(mods:mods)"/>
    <mets:mdWrap MDTYPE="MODS" MIMETYPE="text/xml" LABEL="{$label}">
      <mets:xmlData>
        <xsl:sequence select="$record"/>
      </mets:xmlData>
    </mets:mdWrap>
  </xsl:template>

  <!-- The edition as readers meet it: front matter, then the documents in date order. -->
  <xsl:template name="tp:mets-logical-map">
    <xsl:param name="files" as="element(p:file)*"/>
    <xsl:variable name="ebook" select="$files[@group = 'epub']"/>
    <!-- The divisions after the ebook's move one place down when it is there. -->
    <xsl:variable name="after-ebook" select="if (exists($ebook)) then 1 else 0"/>
    <mets:structMap TYPE="logical" LABEL="{f:label('deposit-map-edition')}">
      <mets:div ID="div.edition" TYPE="edition" LABEL="{$v:edition/@title}" DMDID="dmd.edition">
        <mets:div TYPE="front-matter" LABEL="{f:label('type-front-matter')}" ORDER="1">
          <xsl:for-each select="$v:front-in-order">
            <mets:div TYPE="front" LABEL="{f:title(.)}" ORDER="{position()}">
              <xsl:sequence select="fp:pointers($files, (fp:tei-file($files, .), f:stem(.) || '.html'))"/>
            </mets:div>
          </xsl:for-each>
        </mets:div>
        <mets:div TYPE="documents" LABEL="{f:label('deposit-map-documents')}" ORDER="2">
          <xsl:for-each select="$v:documents-in-order">
            <mets:div ID="div.{fp:document-key(.)}" TYPE="document" ORDER="{position()}" ORDERLABEL="{position()}"
                LABEL="{f:title(.)}" DMDID="dmd.{fp:document-key(.)}">
              <xsl:sequence select="fp:pointers($files, (fp:tei-file($files, .),
                  'pdf/doc-' || f:stem(.) || '.pdf', f:stem(.) || '.html'))"/>
            </mets:div>
          </xsl:for-each>
        </mets:div>
        <mets:div TYPE="indexes" LABEL="{f:label('deposit-map-indexes')}" ORDER="3">
          <xsl:for-each select="$v:authority/tei:TEI">
            <xsl:sort select="f:stem(.)"/>
            <mets:div TYPE="index" LABEL="{f:title(.)}" ORDER="{position()}">
              <xsl:sequence select="fp:pointers($files, (fp:tei-file($files, .), f:stem(.) || '.html'))"/>
            </mets:div>
          </xsl:for-each>
        </mets:div>
        <mets:div TYPE="book" LABEL="{f:label('deposit-map-book')}" ORDER="4">
          <xsl:sequence select="fp:pointers($files, $files[@group = 'pdf'][not(starts-with(@path, 'pdf/doc-'))]/@path)"/>
        </mets:div>
        <xsl:if test="exists($ebook)">
          <mets:div TYPE="ebook" LABEL="{f:label('deposit-map-ebook')}" ORDER="5">
            <xsl:sequence select="fp:pointers($files, $ebook/@path)"/>
          </mets:div>
        </xsl:if>
        <mets:div TYPE="schema" LABEL="{f:label('deposit-map-schema')}" ORDER="{5 + $after-ebook}">
          <xsl:sequence select="fp:pointers($files, $files[@group = 'schema']/@path)"/>
        </mets:div>
        <mets:div TYPE="website" LABEL="{f:label('deposit-map-website')}" ORDER="{6 + $after-ebook}">
          <xsl:sequence select="fp:pointers($files, f:site-page('home'))"/>
        </mets:div>
      </mets:div>
    </mets:structMap>
  </xsl:template>

  <!-- One folder of the payload: its files, then its subfolders, in name order. -->
  <xsl:template name="tp:mets-folder">
    <xsl:param name="prefix" as="xs:string"/>
    <xsl:param name="files" as="element(p:file)*"/>
    <xsl:for-each select="$files[not(contains(substring(@path, string-length($prefix) + 1), '/'))]">
      <xsl:sort select="@path"/>
      <mets:fptr FILEID="{fp:file-id(@path)}"/>
    </xsl:for-each>
    <xsl:for-each-group select="$files[contains(substring(@path, string-length($prefix) + 1), '/')]"
        group-by="substring-before(substring(@path, string-length($prefix) + 1), '/')">
      <xsl:sort select="current-grouping-key()"/>
      <mets:div TYPE="folder" LABEL="{$prefix}{current-grouping-key()}/">
        <xsl:call-template name="tp:mets-folder">
          <xsl:with-param name="prefix" select="$prefix || current-grouping-key() || '/'"/>
          <xsl:with-param name="files" select="current-group()"/>
        </xsl:call-template>
      </mets:div>
    </xsl:for-each-group>
  </xsl:template>

  <!-- The payload files by path and by stem: the logical map looks up each document's. -->
  <xsl:key name="fp:payload-path" match="p:file" use="@path"/>
  <xsl:key name="fp:payload-stem" match="p:file" use="@stem"/>

  <!-- File pointers for those of the given payload paths that exist, in the order given. -->
  <xsl:function name="fp:pointers" as="element(mets:fptr)*">
    <xsl:param name="files" as="element(p:file)*"/>
    <xsl:param name="paths" as="xs:string*"/>
    <xsl:variable name="inventory" select="root($files[1])"/>
    <xsl:for-each select="$paths[exists($inventory) and exists(key('fp:payload-path', ., $inventory))]">
      <mets:fptr FILEID="{fp:file-id(.)}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The payload path of a corpus TEI file. -->
  <xsl:function name="fp:tei-file" as="xs:string?">
    <xsl:param name="files" as="element(p:file)*"/>
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(key('fp:payload-stem', f:stem($tei), root($files[1]))[@group = 'tei'])[1]/@path ! string(.)"/>
  </xsl:function>

  <!-- An XML ID for a payload path: file. + the path with characters outside NCName replaced. -->
  <xsl:function name="fp:file-id" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="'file.' || replace($path, '[^A-Za-z0-9._\-]', '_')"/>
  </xsl:function>

  <!-- A relative URI reference for a payload path (spaces and the like percent-encoded). -->
  <xsl:function name="fp:href" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize($path, '/') ! encode-for-uri(.), '/')"/>
  </xsl:function>

  <!-- A document's key in the METS IDs: doc- and its output name (unique, unlike xml:ids,
       which TEI asks to be unique per document only, and which a corpus may not have), made
       an NCName. For the shipped edition it is the xml:id itself. -->
  <xsl:function name="fp:document-key" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="'doc-' || replace(f:stem($tei), '[^\p{L}\p{N}._-]', '_')"/>
  </xsl:function>

</xsl:stylesheet>
