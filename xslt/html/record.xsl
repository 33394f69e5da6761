<?xml version="1.0" encoding="UTF-8"?>
<!--
  record.xsl: the records of texts of the corpus (documents and front-matter files), from
  which the pages that list the whole corpus and the search index are built.

  Called by cables with the named template "records" and $files (c:files with one c:file
  per text: @href, @kind "document" or "front"); writes c:records with one c:record per
  file, in the order given. cables caches each record under the hash of its file's bytes
  and of the authority files, so the pages that list the corpus are built again from ten
  thousand records without reading ten thousand documents. A record holds:

  - a skeleton of the TEI file (its titles, correspondence record, status and type of
    text), which the functions of common/functions.xsl read as they read the full file;
  - one c:target per xml:id in the file, with its label, for pointers from elsewhere;
  - the entries the file names: c:mention (with the paragraphs), c:header-mention and
    c:pointer (every pointer of the text and the correspondence record);
  - c:search-entries: the file's entries of the search index as JSON (search-entries.xsl),
    which cables takes out of the record and writes into a part of the index.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:c="urn:cables:manifest"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/text.xsl"/>
  <xsl:include href="search-entries.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:param name="files" as="document-node()" required="yes"/>

  <xsl:template name="records">
    <c:records>
      <xsl:for-each select="$files/c:files/c:file">
        <xsl:variable name="tei" select="doc(@href)/tei:TEI"/>
        <xsl:apply-templates select="$tei" mode="fp:record">
          <xsl:with-param name="kind" select="string(@kind)"/>
        </xsl:apply-templates>
        <!-- A file whose root is not TEI (lenient validation lets it through) has no page. -->
        <xsl:if test="empty($tei)">
          <c:record kind="{@kind}" unusable="yes"/>
        </xsl:if>
      </xsl:for-each>
    </c:records>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="fp:record">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:call-template name="fp:summary">
      <xsl:with-param name="kind" select="$kind"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="fp:summary">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="header" select="tei:teiHeader"/>
    <c:record kind="{$kind}" stem="{f:stem(.)}" id="{@xml:id}" sort="{f:sort-date(.)}"
        short-title="{f:short-title(.)}" date-label="{f:format-date(f:sent-date(.))}">
      <tei:TEI>
        <xsl:copy-of select="@xml:id"/>
        <tei:teiHeader>
          <tei:fileDesc>
            <tei:titleStmt>
              <xsl:apply-templates select="$header/tei:fileDesc/tei:titleStmt/tei:title" mode="fp:skeleton"/>
            </tei:titleStmt>
          </tei:fileDesc>
          <tei:profileDesc>
            <xsl:apply-templates select="$header/tei:profileDesc/tei:correspDesc" mode="fp:skeleton"/>
          </tei:profileDesc>
          <xsl:if test="$header/tei:revisionDesc/@status">
            <tei:revisionDesc status="{$header/tei:revisionDesc/@status}"/>
          </xsl:if>
        </tei:teiHeader>
        <tei:text>
          <xsl:copy-of select="tei:text/@type"/>
        </tei:text>
        <!-- What a pointer into this file from elsewhere may lead to, with its label. -->
        <xsl:for-each select="descendant::*[@xml:id]">
          <c:target xml:id="{@xml:id}">{f:entry-name(.)}</c:target>
        </xsl:for-each>
      </tei:TEI>
      <!-- Each entry the text names, with the paragraphs (p, ab) that name it, in order. -->
      <xsl:variable name="mentions" select="tei:text//*[@ref]"/>
      <xsl:for-each-group select="$mentions" group-by="fp:pointed-ids(@ref)">
        <c:mention id="{current-grouping-key()}">
          <xsl:for-each select="current-group()
              /ancestor::*[self::tei:p or self::tei:ab or self::tei:item or self::tei:head][1]
              [self::tei:p or self::tei:ab]">
            <c:paragraph id="{f:paragraph-id(.)}"/>
          </xsl:for-each>
        </c:mention>
      </xsl:for-each-group>
      <xsl:for-each select="distinct-values($header//*[@ref] ! fp:pointed-ids(@ref))">
        <c:header-mention id="{.}"/>
      </xsl:for-each>
      <!-- The pointers of the text and of the correspondence record, as written: the
           search filters resolve them against the authority files. -->
      <xsl:for-each select="distinct-values((tei:text//@ref | $header/tei:profileDesc/tei:correspDesc//@ref) ! tokenize(.))">
        <c:pointer ref="{.}"/>
      </xsl:for-each>
      <c:search-entries>{fp:search-entries(., $kind)}</c:search-entries>
    </c:record>
  </xsl:template>

  <!-- The ids a @ref names, as the indices look them up (the part after "#"). -->
  <xsl:function name="fp:pointed-ids" as="xs:string*">
    <xsl:param name="ref" as="attribute()"/>
    <xsl:sequence select="tokenize($ref) ! substring-after(., '#')[. != '']"/>
  </xsl:function>

  <!-- Copies of header elements keep everything but their ids: those are c:target. -->
  <xsl:mode name="fp:skeleton" on-no-match="shallow-copy"/>
  <xsl:template match="@xml:id" mode="fp:skeleton"/>

</xsl:stylesheet>
