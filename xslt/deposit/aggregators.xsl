<?xml version="1.0" encoding="UTF-8"?>
<!--
  aggregators.xsl: the records for harvesters and DOI-issuing repositories, part of
  deposit.xsl (template "aggregators").

  Its facts are those of the MODS and DC records (the very DC fields dc.xsl made), and it
  writes (hrefs relative to the output folder cables sets):
    oai_dc/edition.xml, oai_dc/doc-*.xml   simple DC for OAI-PMH (oai_dc.xsd): the Qualified
                                           DC fields of dc.xsl, each refinement under the
                                           element it refines
    oai/static-repository.xml              an OAI-PMH Static Repository (Identify,
                                           ListMetadataFormats, ListRecords of oai_dc), only
                                           when the edition has a base URL and a Gateway
                                           and an administrator's address are given
    datacite.xml                           DataCite Metadata Schema 4 record of the edition
    CITATION.cff                           Citation File Format 1.2.0
    ro-crate/ro-crate-metadata.json        RO-Crate 1.1 of the TEI files and PDFs that
                                           cables/aggregators.py copied there ($crate)
    transfer/metadata/metadata.csv         Dublin Core of each document folder of the
                                           Archivematica transfer (transfer/objects/STEM)
  Facts come only from the TEI and the manifest: what they do not record stays absent.
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
    xmlns:oai="http://www.openarchives.org/OAI/2.0/"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xmlns:cr="urn:cables:crate"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The base URL of the OAI-PMH Static Repository Gateway that makes the static
       repository harvestable; empty: no static repository is written. -->
  <xsl:param name="oai-gateway" as="xs:string" select="''"/>
  <!-- The address of the static repository's administrator (OAI-PMH Identify/adminEmail,
       required); empty: no static repository is written. -->
  <xsl:param name="admin-email" as="xs:string" select="''"/>

  <!-- The files of the RO-Crate (urn:cables:crate: path, kind, stem, media type, size),
       written by cables/aggregators.py. -->
  <xsl:param name="crate" as="document-node()?" select="()"/>

  <xsl:variable name="vp:oai-dc-schema" select="'http://www.openarchives.org/OAI/2.0/oai_dc.xsd'"/>
  <xsl:variable name="vp:oai-dc-namespace" select="'http://www.openarchives.org/OAI/2.0/oai_dc/'"/>
  <xsl:variable name="vp:datacite-namespace" select="'http://datacite.org/schema/kernel-4'"/>

  <!-- The simple DC element of each Qualified DC term dc.xsl writes (DCMI: a refinement
       falls back on the element it refines); terms absent here have none. -->
  <xsl:variable name="vp:simple-dc" as="map(xs:string, xs:string)" select="map {
      'dcterms:alternative': 'title', 'dcterms:created': 'date', 'dcterms:issued': 'date',
      'dcterms:abstract': 'description', 'dcterms:isReferencedBy': 'relation',
      'dcterms:isPartOf': 'relation', 'dcterms:hasPart': 'relation',
      'dcterms:license': 'rights', 'dcterms:temporal': 'coverage', 'dcterms:spatial': 'coverage' }"/>

  <!-- The simple DC element of a field: its own for a dc: term, the refined one for a
       dcterms: term, none for a term that refines no DC element. -->
  <xsl:function name="fp:simple-element" as="xs:string?">
    <xsl:param name="field" as="element(vp:field)"/>
    <xsl:sequence select="if (starts-with($field/@term, 'dc:')) then substring-after($field/@term, 'dc:')
        else $vp:simple-dc($field/@term)"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Entry point                                               -->
  <!-- ======================================================= -->

  <xsl:template name="aggregators">
    <xsl:result-document href="oai_dc/edition.xml" format="xml">
      <xsl:call-template name="tp:oai-dc">
        <xsl:with-param name="fields" select="$vp:edition-fields"/>
      </xsl:call-template>
    </xsl:result-document>
    <xsl:for-each select="$v:documents-in-order">
      <xsl:result-document href="oai_dc/doc-{f:stem(.)}.xml" format="xml">
        <xsl:call-template name="tp:oai-dc">
          <xsl:with-param name="fields" select="fp:fields(.)"/>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:if test="fp:static-repository-url() and normalize-space($oai-gateway) and normalize-space($admin-email)">
      <xsl:result-document href="oai/static-repository.xml" format="xml">
        <xsl:call-template name="tp:static-repository"/>
      </xsl:result-document>
    </xsl:if>
    <xsl:result-document href="datacite.xml" format="xml">
      <xsl:call-template name="tp:datacite"/>
    </xsl:result-document>
    <xsl:result-document href="CITATION.cff" format="text">
      <xsl:call-template name="tp:citation-file"/>
    </xsl:result-document>
    <xsl:result-document href="ro-crate/ro-crate-metadata.json" format="text">
      <xsl:variable name="json" as="element(j:map)">
        <xsl:call-template name="tp:ro-crate"/>
      </xsl:variable>
      <!-- Through a map, so that the JSON is indented and "/" is not escaped. -->
      <xsl:value-of select="serialize(parse-json(xml-to-json($json)),
          map { 'method': 'json', 'indent': true(), 'escape-solidus': false() })"/>
    </xsl:result-document>
    <xsl:result-document href="transfer/metadata/metadata.csv" format="text">
      <xsl:call-template name="tp:archivematica-csv"/>
    </xsl:result-document>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- oai_dc                                                    -->
  <!-- ======================================================= -->

  <xsl:template name="tp:oai-dc">
    <xsl:param name="fields" as="element(vp:field)*"/>
    <oai_dc:dc xsi:schemaLocation="{$vp:oai-dc-namespace} {$vp:oai-dc-schema}">
      <xsl:for-each select="$fields">
        <xsl:variable name="field" select="."/>
        <xsl:for-each select="fp:simple-element(.)">
          <xsl:element name="dc:{.}">{$field}</xsl:element>
        </xsl:for-each>
      </xsl:for-each>
    </oai_dc:dc>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- OAI-PMH Static Repository                                 -->
  <!-- ======================================================= -->

  <!-- Where the static repository will be published: oai/static-repository.xml of the
       web edition's address; none while edition.toml gives no base URL. -->
  <xsl:function name="fp:static-repository-url" as="xs:string?">
    <xsl:sequence select="fp:page-url('oai/static-repository.xml')"/>
  </xsl:function>

  <!-- The Static Repository specification: the base URL is the Gateway's followed by the
       static repository's URL without its scheme. -->
  <xsl:template name="tp:static-repository">
    <xsl:variable name="gateway" select="replace(normalize-space($oai-gateway), '/$', '')"/>
    <Repository xmlns="http://www.openarchives.org/OAI/2.0/static-repository"
        xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/static-repository http://www.openarchives.org/OAI/2.0/static-repository.xsd">
      <Identify>
        <oai:repositoryName>{$v:edition/@title}</oai:repositoryName>
        <oai:baseURL>{$gateway}/{replace(fp:static-repository-url(), '^[a-z]+://', '')}</oai:baseURL>
        <oai:protocolVersion>2.0</oai:protocolVersion>
        <oai:adminEmail>{normalize-space($admin-email)}</oai:adminEmail>
        <oai:earliestDatestamp>{$v:edition/@build-date}</oai:earliestDatestamp>
        <oai:deletedRecord>no</oai:deletedRecord>
        <oai:granularity>YYYY-MM-DD</oai:granularity>
      </Identify>
      <ListMetadataFormats>
        <oai:metadataFormat>
          <oai:metadataPrefix>oai_dc</oai:metadataPrefix>
          <oai:schema>{$vp:oai-dc-schema}</oai:schema>
          <oai:metadataNamespace>{$vp:oai-dc-namespace}</oai:metadataNamespace>
        </oai:metadataFormat>
      </ListMetadataFormats>
      <ListRecords metadataPrefix="oai_dc">
        <xsl:call-template name="tp:oai-record">
          <xsl:with-param name="identifier" select="fp:page-url(f:site-page('home'))"/>
          <xsl:with-param name="fields" select="$vp:edition-fields"/>
        </xsl:call-template>
        <xsl:for-each select="$v:documents-in-order">
          <xsl:call-template name="tp:oai-record">
            <xsl:with-param name="identifier" select="fp:page-url(f:stem(.) || '.html')"/>
            <xsl:with-param name="fields" select="fp:fields(.)"/>
          </xsl:call-template>
        </xsl:for-each>
      </ListRecords>
    </Repository>
  </xsl:template>

  <!-- A record of ListRecords: the page of the web edition is its identifier (a URI, as
       OAI-PMH asks), the build date its datestamp. -->
  <xsl:template name="tp:oai-record">
    <xsl:param name="identifier" as="xs:string"/>
    <xsl:param name="fields" as="element(vp:field)*"/>
    <oai:record>
      <oai:header>
        <oai:identifier>{$identifier}</oai:identifier>
        <oai:datestamp>{$v:edition/@build-date}</oai:datestamp>
      </oai:header>
      <oai:metadata>
        <xsl:call-template name="tp:oai-dc">
          <xsl:with-param name="fields" select="$fields"/>
        </xsl:call-template>
      </oai:metadata>
    </oai:record>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- DataCite                                                  -->
  <!-- ======================================================= -->

  <!-- The edition as a DataCite resource. It has no DOI until a repository assigns one on
       deposit: until then the identifier is the edition's own (type Local). -->
  <xsl:template name="tp:datacite">
    <xsl:variable name="span" select="fp:edition-span()"/>
    <xsl:element name="resource" namespace="{$vp:datacite-namespace}">
      <xsl:attribute name="xsi:schemaLocation" select="$vp:datacite-namespace || ' https://schema.datacite.org/meta/kernel-4/metadata.xsd'"/>
      <xsl:sequence select="fp:datacite('identifier', map { 'identifierType': 'Local' }, $v:edition/@id || ' ' || $v:edition/@version)"/>
      <xsl:element name="creators" namespace="{$vp:datacite-namespace}">
        <xsl:for-each select="$v:edition/c:editor">
          <xsl:element name="creator" namespace="{$vp:datacite-namespace}">
            <xsl:sequence select="fp:datacite('creatorName', map {}, string(.))"/>
          </xsl:element>
        </xsl:for-each>
      </xsl:element>
      <xsl:element name="titles" namespace="{$vp:datacite-namespace}">
        <xsl:sequence select="fp:datacite('title', map { 'xml:lang': string($v:edition/@language) }, string($v:edition/@title))"/>
        <xsl:for-each select="$v:edition/@subtitle[normalize-space(.)]">
          <xsl:sequence select="fp:datacite('title', map { 'xml:lang': string($v:edition/@language), 'titleType': 'Subtitle' }, string(.))"/>
        </xsl:for-each>
      </xsl:element>
      <xsl:sequence select="fp:datacite('publisher', map {}, string($v:edition/@publisher))"/>
      <xsl:sequence select="fp:datacite('publicationYear', map {}, substring($v:edition/@date, 1, 4))"/>
      <xsl:sequence select="fp:datacite('resourceType', map { 'resourceTypeGeneral': 'Text' }, f:label('deposit-resource-type'))"/>
      <xsl:element name="subjects" namespace="{$vp:datacite-namespace}">
        <xsl:for-each select="distinct-values($v:documents-in-order ! fp:keywords(.))">
          <xsl:sequence select="fp:datacite('subject', map { 'xml:lang': string($v:edition/@language) }, .)"/>
        </xsl:for-each>
      </xsl:element>
      <xsl:element name="dates" namespace="{$vp:datacite-namespace}">
        <xsl:sequence select="fp:datacite('date', map { 'dateType': 'Issued' }, string($v:edition/@date))"/>
        <xsl:if test="exists($span)">
          <xsl:sequence select="fp:datacite('date', map { 'dateType': 'Coverage', 'dateInformation': f:label('deposit-dates-of-documents') }, $span[1] || '/' || $span[2])"/>
        </xsl:if>
      </xsl:element>
      <xsl:sequence select="fp:datacite('language', map {}, string($v:edition/@language))"/>
      <xsl:variable name="sources" select="distinct-values($v:documents-in-order ! fp:url(fp:archive-page(.)))"/>
      <xsl:variable name="cited" select="distinct-values($v:documents-in-order ! fp:cited-works(.) ! fp:url(.))"/>
      <xsl:if test="exists(($sources, $cited, fp:page-url(f:site-page('home'))))">
        <xsl:element name="relatedIdentifiers" namespace="{$vp:datacite-namespace}">
          <xsl:for-each select="fp:page-url(f:site-page('home'))">
            <xsl:sequence select="fp:datacite('relatedIdentifier', map { 'relatedIdentifierType': 'URL', 'relationType': 'IsDocumentedBy' }, .)"/>
          </xsl:for-each>
          <xsl:for-each select="$sources">
            <xsl:sequence select="fp:datacite('relatedIdentifier', map { 'relatedIdentifierType': 'URL', 'relationType': 'IsDerivedFrom' }, .)"/>
          </xsl:for-each>
          <xsl:for-each select="$cited">
            <xsl:sequence select="fp:datacite('relatedIdentifier', map { 'relatedIdentifierType': 'URL', 'relationType': 'References' }, .)"/>
          </xsl:for-each>
        </xsl:element>
      </xsl:if>
      <xsl:element name="formats" namespace="{$vp:datacite-namespace}">
        <xsl:for-each select="$vp:edition-formats">
          <xsl:sequence select="fp:datacite('format', map {}, .)"/>
        </xsl:for-each>
      </xsl:element>
      <xsl:sequence select="fp:datacite('version', map {}, string($v:edition/@version))"/>
      <xsl:element name="rightsList" namespace="{$vp:datacite-namespace}">
        <xsl:sequence select="fp:datacite('rights', map { 'rightsURI': string($v:edition/@licence-url) }, fp:edition-licence-text())"/>
      </xsl:element>
      <xsl:element name="descriptions" namespace="{$vp:datacite-namespace}">
        <xsl:for-each select="$v:edition/@subtitle[normalize-space(.)]">
          <xsl:sequence select="fp:datacite('description', map { 'xml:lang': string($v:edition/@language), 'descriptionType': 'Abstract' }, string(.))"/>
        </xsl:for-each>
        <xsl:sequence select="fp:datacite('description', map { 'xml:lang': string($v:edition/@language), 'descriptionType': 'TechnicalInfo' },
            f:label('deposit-technical-info', count($v:documents-in-order)))"/>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <!-- An element of the DataCite namespace with attributes (xml:lang included) and text. -->
  <xsl:function name="fp:datacite" as="element()">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="attributes" as="map(xs:string, xs:string)"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:element name="{$name}" namespace="{$vp:datacite-namespace}">
      <xsl:for-each select="sort(map:keys($attributes))">
        <xsl:attribute name="{.}" namespace="{if (starts-with(., 'xml:')) then 'http://www.w3.org/XML/1998/namespace' else ''}"
            select="$attributes(.)"/>
      </xsl:for-each>
      <xsl:value-of select="$text"/>
    </xsl:element>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- CITATION.cff                                              -->
  <!-- ======================================================= -->

  <!-- Citation File Format 1.2.0, each value a double-quoted YAML scalar (JSON escapes). -->
  <xsl:template name="tp:citation-file">
    <xsl:variable name="title" select="string-join(($v:edition/@title, $v:edition/@subtitle[normalize-space(.)]), ': ')"/>
    <xsl:text>cff-version: 1.2.0&#10;</xsl:text>
    <xsl:text>message: {fp:yaml(f:label('deposit-citation-message'))}&#10;</xsl:text>
    <xsl:text>type: dataset&#10;</xsl:text>
    <xsl:text>title: {fp:yaml($title)}&#10;</xsl:text>
    <xsl:text>version: {fp:yaml($v:edition/@version)}&#10;</xsl:text>
    <xsl:text>date-released: {fp:yaml($v:edition/@date)}&#10;</xsl:text>
    <xsl:text>authors:&#10;</xsl:text>
    <xsl:for-each select="$v:edition/c:editor">
      <xsl:text>  - name: {fp:yaml(.)}&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="$v:edition/@subtitle[normalize-space(.)]">
      <xsl:text>abstract: {fp:yaml(.)}&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>license-url: {fp:yaml($v:edition/@licence-url)}&#10;</xsl:text>
    <xsl:for-each select="fp:page-url(f:site-page('home'))">
      <xsl:text>url: {fp:yaml(.)}&#10;</xsl:text>
    </xsl:for-each>
    <xsl:variable name="keywords" select="distinct-values($v:documents-in-order ! fp:keywords(.))"/>
    <xsl:if test="exists($keywords)">
      <xsl:text>keywords:&#10;</xsl:text>
      <xsl:for-each select="$keywords">
        <xsl:text>  - {fp:yaml(.)}&#10;</xsl:text>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- RO-Crate 1.1                                              -->
  <!-- ======================================================= -->

  <!-- The metadata descriptor, the root data entity (the edition) with each file as a
       part, the licence, and one File entity per file of $crate. -->
  <xsl:template name="tp:ro-crate">
    <xsl:variable name="span" select="fp:edition-span()"/>
    <j:map>
      <j:string key="@context">https://w3id.org/ro/crate/1.1/context</j:string>
      <j:array key="@graph">
        <j:map>
          <j:string key="@id">ro-crate-metadata.json</j:string>
          <j:string key="@type">CreativeWork</j:string>
          <j:map key="conformsTo"><j:string key="@id">https://w3id.org/ro/crate/1.1</j:string></j:map>
          <j:map key="about"><j:string key="@id">./</j:string></j:map>
        </j:map>
        <j:map>
          <j:string key="@id">./</j:string>
          <j:string key="@type">Dataset</j:string>
          <j:string key="name">{$v:edition/@title}</j:string>
          <j:string key="description">{($v:edition/@subtitle[normalize-space(.)], $v:edition/@title)[1]}</j:string>
          <j:string key="datePublished">{$v:edition/@date}</j:string>
          <j:string key="version">{$v:edition/@version}</j:string>
          <j:string key="inLanguage">{$v:edition/@language}</j:string>
          <xsl:if test="exists($span)">
            <j:string key="temporalCoverage">{$span[1]}/{$span[2]}</j:string>
          </xsl:if>
          <j:string key="keywords">{string-join(distinct-values($v:documents-in-order ! fp:keywords(.)), ', ')}</j:string>
          <j:map key="license"><j:string key="@id">{$v:edition/@licence-url}</j:string></j:map>
          <xsl:for-each select="fp:page-url(f:site-page('home'))">
            <j:string key="url">{.}</j:string>
          </xsl:for-each>
          <j:array key="hasPart">
            <xsl:for-each select="$crate/cr:crate/cr:file">
              <j:map><j:string key="@id">{@path}</j:string></j:map>
            </xsl:for-each>
          </j:array>
        </j:map>
        <j:map>
          <j:string key="@id">{$v:edition/@licence-url}</j:string>
          <j:string key="@type">CreativeWork</j:string>
          <j:string key="name">{$v:edition/@licence}</j:string>
          <j:string key="description">{fp:edition-licence-text()}</j:string>
        </j:map>
        <xsl:for-each select="$crate/cr:crate/cr:file">
          <xsl:variable name="tei" select="$vp:crate-tei(fp:crate-key(@kind, @stem))"/>
          <j:map>
            <j:string key="@id">{@path}</j:string>
            <j:string key="@type">File</j:string>
            <j:string key="name">{if (empty($tei)) then @path else if (@kind = 'pdf') then f:label('deposit-pdf-of', f:title($tei)) else f:title($tei)}</j:string>
            <j:string key="encodingFormat">{@mime}</j:string>
            <j:string key="contentSize">{@size}</j:string>
            <xsl:if test="$tei and @kind = 'document'">
              <j:string key="inLanguage">{fp:summary-language($tei)}</j:string>
              <xsl:for-each select="fp:abstract($tei)">
                <j:string key="abstract">{.}</j:string>
              </xsl:for-each>
            </xsl:if>
          </j:map>
        </xsl:for-each>
      </j:array>
    </j:map>
  </xsl:template>

  <!-- The TEI file a crate file is or was made from, by fp:crate-key: a document's PDF
       by the document's. -->
  <xsl:variable name="vp:crate-tei" as="map(xs:string, element(tei:TEI))" select="map:merge((
      $v:documents-in-order ! map:entry(fp:crate-key('document', f:stem(.)), .),
      $v:authority/tei:TEI ! map:entry(fp:crate-key('authority', f:stem(.)), .),
      $v:front/tei:TEI ! map:entry(fp:crate-key('front', f:stem(.)), .)),
      map { 'duplicates': 'use-first' })"/>

  <xsl:function name="fp:crate-key" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="stem" as="xs:string"/>
    <xsl:sequence select="(if ($kind = ('authority', 'front')) then $kind else 'document') || ' ' || $stem"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Archivematica metadata.csv                                -->
  <!-- ======================================================= -->

  <!-- One row per document folder (objects/STEM), one column per simple DC element and
       value; an element with several values repeats its column, as Archivematica reads
       it. Every value is quoted (RFC 4180). -->
  <xsl:template name="tp:archivematica-csv">
    <!-- Each document's values by simple DC element, in the order of its fields. -->
    <xsl:variable name="rows" as="map(xs:string, xs:string*)*" select="$v:documents-in-order
        ! map:merge(fp:fields(.) ! fp:simple-value(.), map { 'duplicates': 'combine' })"/>
    <xsl:variable name="elements" select="distinct-values($v:documents-in-order ! (fp:fields(.) ! fp:simple-element(.)))"/>
    <xsl:variable name="widths" select="$elements ! (let $element := . return max($rows ! count(.($element))))"/>
    <xsl:variable name="columns" select="for $i in 1 to count($elements) return (1 to $widths[$i]) ! $elements[$i]"/>
    <xsl:value-of select="string-join(('filename', $columns ! ('dc.' || .)) ! fp:csv(.), ',')"/>
    <xsl:text>&#13;&#10;</xsl:text>
    <xsl:for-each select="$v:documents-in-order">
      <xsl:variable name="index" select="position()"/>
      <xsl:variable name="row" select="$rows[$index]"/>
      <xsl:variable name="cells" select="for $i in 1 to count($elements), $j in 1 to $widths[$i]
          return ($row($elements[$i])[$j], '')[1]"/>
      <xsl:value-of select="string-join(('objects/' || f:stem(.), $cells) ! fp:csv(.), ',')"/>
      <xsl:text>&#13;&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- A field as a map entry under its simple DC element; none for a term that has none. -->
  <xsl:function name="fp:simple-value" as="map(xs:string, xs:string)?">
    <xsl:param name="field" as="element(vp:field)"/>
    <xsl:sequence select="fp:simple-element($field) ! map:entry(., string($field))"/>
  </xsl:function>

  <xsl:function name="fp:csv" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="'&quot;' || replace($value, '&quot;', '&quot;&quot;') || '&quot;'"/>
  </xsl:function>

  <xsl:function name="fp:yaml" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="serialize(string($value), map { 'method': 'json', 'escape-solidus': false() })"/>
  </xsl:function>

</xsl:stylesheet>
