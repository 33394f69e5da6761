<?xml version="1.0" encoding="UTF-8"?>
<!--
  record.xsl: the records of texts of the corpus (documents and front-matter files), from
  which the pages that list the whole corpus and the search index are built.

  Called by cables with the named template "records" (or "facts", for the facts alone) and
  $files (c:files with one c:file per text: @href, @kind "document" or "front", @name); writes
  c:records with one c:record (or c:facts) per file, in the order given. The pages of
  documents return their records too (site.xsl, template "document-pages"). cables caches each record under the hash of its file's bytes
  and of the authority files, so the pages that list the corpus are built again from ten
  thousand records without reading ten thousand documents. A record holds:

  - a skeleton of the TEI file (its titles, correspondence record, status and type of
    text), which the functions of common/functions.xsl read as they read the full file;
  - one c:target per xml:id in the file, with its label, for pointers from elsewhere;
  - the entries the file names: c:mention (with the paragraphs that name it),
    c:header-mentions (the ids the header points to) and c:pointers (every pointer of the
    text and the correspondence record, as written);
  - c:search-entries: the file's entries of the search index as JSON (search-entries.xsl),
    which cables takes out of the record and writes into a part of the index.
  - c:contexts: each mention in context and the entries of the correspondence record, for
    the entity pages (entity.xsl), which cables also takes out of the record (records.py)
    and keeps beside it; @entities on c:record lists every entry the file names.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:c="urn:cables:manifest"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/text.xsl"/>
  <xsl:include href="search-entries.xsl"/>
  <xsl:include href="record-parts.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <!-- $files, the texts of this run, is declared in common/functions.xsl (f:stem reads
       their names). -->

  <xsl:template name="records">
    <c:records>
      <xsl:for-each select="$files/c:files/c:file">
        <xsl:variable name="kind" select="string(@kind)"/>
        <xsl:variable name="tei" select="doc(@href)/tei:TEI"/>
        <xsl:for-each select="$tei">
          <xsl:call-template name="tp:summary">
            <xsl:with-param name="kind" select="$kind"/>
          </xsl:call-template>
        </xsl:for-each>
        <!-- A file whose root is not TEI (lenient validation lets it through) has no page. -->
        <xsl:if test="empty($tei)">
          <c:record kind="{$kind}" unusable="yes"/>
        </xsl:if>
      </xsl:for-each>
    </c:records>
  </xsl:template>

  <!-- The facts of each file only (template "facts"): what ordering the documents and
       writing their neighbours' links needs, without the rest of the record. -->
  <xsl:template name="facts">
    <c:records>
      <xsl:for-each select="$files/c:files/c:file">
        <xsl:variable name="tei" select="doc(@href)/tei:TEI"/>
        <c:facts>
          <xsl:sequence select="if ($tei) then fp:facts($tei, @kind) else @kind"/>
          <xsl:if test="empty($tei)">
            <xsl:attribute name="unusable" select="'yes'"/>
          </xsl:if>
        </c:facts>
      </xsl:for-each>
    </c:records>
  </xsl:template>

</xsl:stylesheet>
