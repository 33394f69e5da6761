<?xml version="1.0" encoding="UTF-8"?>
<!--
  record-parts.xsl: the record of one text of the corpus, and the facts its neighbours'
  pages show. Included by record.xsl (records and facts of files, in batches) and by
  site.xsl (whose document pages return the records of their documents, so that a
  document is read once for both). See record.xsl for what a record holds.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:vp="urn:cables:variables:private"
    xmlns:mp="urn:cables:modes:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:c="urn:cables:manifest"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- What orders a document among the others and what its neighbours' pages say of it:
       the attributes of its c:facts and of its c:record. -->
  <xsl:function name="fp:facts" as="attribute()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:attribute name="kind" select="$kind"/>
    <xsl:attribute name="stem" select="f:stem($tei)"/>
    <xsl:attribute name="id" select="$tei/@xml:id"/>
    <xsl:attribute name="sort" select="f:sort-date($tei)"/>
    <xsl:attribute name="short-title" select="f:short-title($tei)"/>
    <xsl:attribute name="number" select="f:number($tei)"/>
    <xsl:attribute name="date-label" select="f:format-date(f:sent-date($tei))"/>
    <xsl:attribute name="holds" select="f:holds($tei)"/>
  </xsl:function>

  <xsl:template name="tp:summary">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="header" select="tei:teiHeader"/>
    <c:record>
      <xsl:sequence select="fp:facts(., $kind)"/>
      <!-- The entries it names anywhere, by id: which entity pages list it. -->
      <xsl:attribute name="entities" select="distinct-values((tei:text//*[@ref], tei:text//*[@key][local-name() = $vp:key-elements],
          $header//*[@ref or @key]) ! f:pointed-ids(.))"/>
      <!-- xml:base: pointers in the skeleton are read from the file's own folder. -->
      <tei:TEI>
        <xsl:attribute name="xml:base" select="base-uri(.)"/>
        <xsl:copy-of select="@xml:id | @n"/>
        <tei:teiHeader>
          <tei:fileDesc>
            <tei:titleStmt>
              <xsl:apply-templates select="$header/tei:fileDesc/tei:titleStmt/tei:title" mode="mp:skeleton"/>
            </tei:titleStmt>
          </tei:fileDesc>
          <tei:profileDesc>
            <xsl:apply-templates select="$header/tei:profileDesc/tei:correspDesc" mode="mp:skeleton"/>
          </tei:profileDesc>
          <!-- Whole: its changes make the edition's changes page. -->
          <xsl:apply-templates select="$header/tei:revisionDesc" mode="mp:skeleton"/>
        </tei:teiHeader>
        <tei:text>
          <xsl:copy-of select="tei:text/@type"/>
        </tei:text>
        <!-- What a pointer into this file from elsewhere may lead to, with its label; an
             entry of the document's own register (f:register-entries) is copied instead,
             for the indices, keeping its id and no other. -->
        <xsl:variable name="register" select="f:register-entries(.)"/>
        <xsl:for-each select="descendant::*[@xml:id] except $register">
          <c:target xml:id="{@xml:id}">{f:entry-name(.)}</c:target>
        </xsl:for-each>
        <xsl:if test="$register">
          <c:register>
            <xsl:for-each select="$register">
              <xsl:copy>
                <xsl:copy-of select="@*"/>
                <xsl:apply-templates select="node()" mode="mp:skeleton"/>
              </xsl:copy>
            </xsl:for-each>
          </c:register>
        </xsl:if>
      </tei:TEI>
      <!-- Each entry the text names, with the paragraphs (p, ab) that name it, in order. -->
      <xsl:variable name="mentions" select="tei:text//*[@ref]"/>
      <xsl:variable name="tei-of-summary" select="."/>
      <xsl:for-each-group select="$mentions" group-by="f:pointed-ids(.)">
        <c:mention id="{current-grouping-key()}" paragraphs="{current-group()
            /ancestor::*[self::tei:p or self::tei:ab or self::tei:item or self::tei:head][1]
            [self::tei:p or self::tei:ab] ! f:paragraph-id(.)}"/>
      </xsl:for-each-group>
      <!-- Lists of tokens rather than elements: the records of ten thousand documents are
           read by every run that builds the corpus pages. -->
      <c:header-mentions>{distinct-values($header//*[@ref or @key] ! f:pointed-ids(.))}</c:header-mentions>
      <!-- The ids of the entries the text and the correspondence record point to, resolved
           here, where the file is at hand: the search filters look them up. -->
      <c:pointers>{distinct-values(fp:pointed-ids(.))}</c:pointers>
      <c:search-entries>{fp:search-entries(., $kind)}</c:search-entries>
      <!-- For the entity pages: each mention in its context, and the parties and places
           of the correspondence record. cables takes it out of the record (as it does the
           search entries), so that the pages listing the corpus never read it. -->
      <c:contexts>
        <xsl:for-each select="$mentions | tei:text//*[@key][local-name() = $vp:key-elements][not(@ref)]">
          <xsl:variable name="mention" select="."/>
          <xsl:for-each select="distinct-values(f:pointed-ids(.))">
            <xsl:sequence select="fp:context($mention, .)"/>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:for-each select="'sent', 'received'">
          <xsl:variable name="action" select="."/>
          <xsl:for-each select="distinct-values(($tei-of-summary ! (f:parties(., $action), f:places(., $action))) ! f:pointed-ids(.))">
            <c:role id="{.}" action="{$action}"/>
          </xsl:for-each>
        </xsl:for-each>
      </c:contexts>
    </c:record>
  </xsl:template>

  <!-- A mention of an entry (its id) in its context: the numbered paragraph it stands in
       (number and anchor), its certainty, the language in force, and the sentence around
       it, cut to some words either side (c:before, c:hit, c:after). -->
  <xsl:function name="fp:context" as="element(c:context)">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="paragraph" select="f:paragraph-of($mention)"/>
    <xsl:variable name="block" select="($paragraph, $mention/ancestor::*[self::tei:p or self::tei:ab
        or self::tei:item or self::tei:head or self::tei:cell or self::tei:l][1], $mention/..)[1]"/>
    <xsl:variable name="words" select="$block//text()[not(ancestor::tei:note except $mention/ancestor::tei:note)]"/>
    <xsl:variable name="inside" select="$mention//text()"/>
    <xsl:variable name="before" select="replace(string-join($words[. &lt;&lt; $mention] except $inside), '\s+', ' ')"/>
    <xsl:variable name="after" select="replace(string-join($words[. >> $mention] except $inside), '\s+', ' ')"/>
    <xsl:variable name="sentence-before" select="replace($before, '^.*[.!?]\s+', '', 's')"/>
    <xsl:variable name="sentence-after" select="replace($after, '^([^.!?]*[.!?]).*$', '$1', 's')"/>
    <c:context id="{$id}">
      <xsl:if test="$paragraph">
        <xsl:attribute name="p" select="f:paragraph-number($paragraph)"/>
        <xsl:attribute name="anchor" select="($paragraph/@xml:id, f:paragraph-id($paragraph))[1]"/>
      </xsl:if>
      <xsl:copy-of select="$mention/@cert"/>
      <xsl:attribute name="lang" select="string(($mention/ancestor-or-self::*/@xml:lang)[last()])"/>
      <c:before>{fp:cut-before(replace($sentence-before, '^\s+', ''))}</c:before>
      <c:hit>{normalize-space($mention)}</c:hit>
      <c:after>{fp:cut-after(replace($sentence-after, '\s+$', ''))}</c:after>
    </c:context>
  </xsl:function>

  <!-- The end of a text before a mention, some 60 characters from a word's start, "…"
       where cut; the start of the text after it, the same. -->
  <xsl:function name="fp:cut-before" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (string-length($text) le 70) then $text
        else '… ' || replace(substring($text, string-length($text) - 60), '^\S*\s', '')"/>
  </xsl:function>
  <xsl:function name="fp:cut-after" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (string-length($text) le 70) then $text
        else replace(substring($text, 1, 60), '\s\S*$', '') || ' …'"/>
  </xsl:function>


  <!-- Copies of header elements keep everything but their ids: those are c:target. -->
  <xsl:mode name="mp:skeleton" on-no-match="shallow-copy"/>
  <xsl:template match="@xml:id" mode="mp:skeleton"/>

</xsl:stylesheet>
