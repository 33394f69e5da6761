<?xml version="1.0" encoding="UTF-8"?>
<!--
  record.xsl: the record of one text of the corpus (a document or a front-matter file),
  from which the pages that list the whole corpus are built.

  Run once per file by cables, which caches the result under the hash of the file's bytes:
  a record depends on its file alone (never on the authority files or on other documents),
  so the pages that list the corpus can be built again from ten thousand records without
  reading ten thousand documents. The parameter "part" chooses what is written:

  - "summary": a c:record holding a skeleton of the TEI file (its titles, correspondence
    record, status and type of text, which the functions of common/functions.xsl read as
    they read the full file), one c:target per xml:id in the file, and the entries it
    points to (c:mention with the paragraphs, c:header-mention, c:pointer);
  - "search": a c:search with the plain text of the file and of each editorial note, for
    the search index.
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

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:param name="part" as="xs:string" select="'summary'"/>
  <!-- "document" or "front": the folder of the corpus the file comes from. -->
  <xsl:param name="kind" as="xs:string" select="'document'"/>

  <xsl:template match="/">
    <xsl:apply-templates select="tei:TEI" mode="fp:record"/>
  </xsl:template>

  <xsl:template match="tei:TEI" mode="fp:record">
    <xsl:choose>
      <xsl:when test="$part = 'search'">
        <c:search>
          <c:text>{fp:plain-text(tei:text)}</c:text>
          <xsl:for-each select="tei:text//tei:note">
            <c:note number="{f:note-number(.)}" type="{@type ! f:note-type-label(.)}">{fp:plain-text(node())}</c:note>
          </xsl:for-each>
        </c:search>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="fp:summary"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="fp:summary">
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
      <xsl:for-each select="distinct-values($mentions ! fp:pointed-ids(@ref))">
        <xsl:variable name="id" select="."/>
        <c:mention id="{$id}">
          <xsl:for-each select="$mentions[fp:pointed-ids(@ref) = $id]
              /ancestor::*[self::tei:p or self::tei:ab or self::tei:item or self::tei:head][1]
              [self::tei:p or self::tei:ab]">
            <c:paragraph id="{f:paragraph-id(.)}"/>
          </xsl:for-each>
        </c:mention>
      </xsl:for-each>
      <xsl:for-each select="distinct-values($header//*[@ref] ! fp:pointed-ids(@ref))">
        <c:header-mention id="{.}"/>
      </xsl:for-each>
      <!-- The pointers of the text and of the correspondence record, as written: the
           search filters resolve them against the authority files. -->
      <xsl:for-each select="distinct-values((tei:text//@ref | $header/tei:profileDesc/tei:correspDesc//@ref) ! tokenize(.))">
        <c:pointer ref="{.}"/>
      </xsl:for-each>
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

  <!-- ======================================================= -->
  <!-- Plain text for the search index                           -->
  <!-- ======================================================= -->

  <!-- The running text of some TEI nodes in one line: blocks are kept apart by a space;
       notes are left out, because each note has an entry of its own. -->
  <xsl:function name="fp:plain-text" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="pieces" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="fp:plain-text"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($pieces))"/>
  </xsl:function>

  <xsl:mode name="fp:plain-text" on-no-match="shallow-skip"/>

  <xsl:template match="text()" mode="fp:plain-text">
    <xsl:sequence select="string(.)"/>
  </xsl:template>

  <xsl:template match="*" mode="fp:plain-text">
    <xsl:variable name="block" select="local-name() = $fp:block-names"/>
    <xsl:sequence select="if ($block) then ' ' else ()"/>
    <xsl:apply-templates mode="fp:plain-text"/>
    <xsl:sequence select="if ($block) then ' ' else ()"/>
  </xsl:template>

  <xsl:template match="tei:lb | tei:cell | tei:item | tei:l" mode="fp:plain-text">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="fp:plain-text"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <xsl:template match="tei:note | tei:teiHeader | tei:facsimile | tei:standOff | tei:fw
      | comment() | processing-instruction()" mode="fp:plain-text"/>

</xsl:stylesheet>
