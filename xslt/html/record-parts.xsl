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
       it, cut to some words either side (c:before, c:hit, c:after). A stretch of it in
       another language than the mention's is a c:span with that language (@lang, '' where
       the file gives none), so that the entity page marks it (entity.xsl). -->
  <xsl:function name="fp:context" as="element(c:context)">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="paragraph" select="f:paragraph-of($mention)"/>
    <xsl:variable name="block" select="($paragraph, $mention/ancestor::*[self::tei:p or self::tei:ab
        or self::tei:item or self::tei:head or self::tei:cell or self::tei:l][1], $mention/..)[1]"/>
    <xsl:variable name="words" select="$block//text()[not(ancestor::tei:note except $mention/ancestor::tei:note)]"/>
    <xsl:variable name="inside" select="$mention//text()"/>
    <xsl:variable name="lang" select="string(($mention/ancestor-or-self::*/@xml:lang)[last()])"/>
    <xsl:variable name="before-pieces" select="fp:pieces($words[. &lt;&lt; $mention] except $inside)"/>
    <xsl:variable name="after-pieces" select="fp:pieces($words[. >> $mention] except $inside)"/>
    <xsl:variable name="hit-pieces" select="fp:pieces($inside)"/>
    <xsl:variable name="before" select="string-join($before-pieces)"/>
    <xsl:variable name="after" select="string-join($after-pieces)"/>
    <xsl:variable name="sentence-before" select="replace(replace($before, '^.*[.!?]\s+', '', 's'), '^\s+', '')"/>
    <xsl:variable name="sentence-after" select="replace(replace($after, '^([^.!?]*[.!?]).*$', '$1', 's'), '\s+$', '')"/>
    <!-- What is kept of each is the end of $before, the start of $after (fp:cut-before,
         fp:cut-after), and the hit without the space at either end. -->
    <xsl:variable name="kept-before" select="fp:cut-before($sentence-before)"/>
    <xsl:variable name="kept-after" select="fp:cut-after($sentence-after)"/>
    <xsl:variable name="cut-before" select="string-length($sentence-before) gt 70"/>
    <xsl:variable name="cut-after" select="string-length($sentence-after) gt 70"/>
    <xsl:variable name="before-length" select="string-length($kept-before) - (if ($cut-before) then 2 else 0)"/>
    <xsl:variable name="after-length" select="string-length($kept-after) - (if ($cut-after) then 2 else 0)"/>
    <xsl:variable name="hit" select="normalize-space($mention)"/>
    <xsl:variable name="hit-start" select="if (starts-with(string-join($hit-pieces), ' ')) then 2 else 1"/>
    <c:context id="{$id}">
      <xsl:if test="$paragraph">
        <xsl:attribute name="p" select="f:paragraph-number($paragraph)"/>
        <xsl:attribute name="anchor" select="($paragraph/@xml:id, f:paragraph-id($paragraph))[1]"/>
      </xsl:if>
      <xsl:copy-of select="$mention/@cert"/>
      <xsl:attribute name="lang" select="$lang"/>
      <c:before>
        <xsl:if test="$cut-before">… </xsl:if>
        <xsl:sequence select="fp:in-language(fp:slice($before-pieces, string-length($before) - $before-length + 1, $before-length), $lang)"/>
      </c:before>
      <c:hit>
        <xsl:sequence select="fp:in-language(fp:slice($hit-pieces, $hit-start, string-length($hit)), $lang)"/>
      </c:hit>
      <c:after>
        <xsl:sequence select="fp:in-language(fp:slice($after-pieces, 1, $after-length), $lang)"/>
        <xsl:if test="$cut-after"> …</xsl:if>
      </c:after>
    </c:context>
  </xsl:function>

  <!-- Text nodes as one string, spaces run together as replace(string-join($texts), '\s+',
       ' ') makes it, in pieces of one language each: c:span, with the xml:lang in force
       ('' for none). -->
  <xsl:function name="fp:pieces" as="element(c:span)*">
    <xsl:param name="texts" as="text()*"/>
    <xsl:iterate select="$texts">
      <xsl:param name="done" as="element(c:span)*" select="()"/>
      <xsl:param name="lang" as="xs:string" select="''"/>
      <xsl:param name="text" as="xs:string" select="''"/>
      <xsl:param name="after-space" as="xs:boolean" select="false()"/>
      <xsl:on-completion>
        <xsl:sequence select="$done"/>
        <xsl:if test="$text != ''"><c:span lang="{$lang}">{$text}</c:span></xsl:if>
      </xsl:on-completion>
      <xsl:variable name="own-lang" select="string((ancestor::*/@xml:lang)[last()])"/>
      <xsl:variable name="own" select="replace(., '\s+', ' ') ! (if ($after-space) then replace(., '^ ', '') else .)"/>
      <xsl:choose>
        <xsl:when test="$own = ''">
          <xsl:next-iteration/>
        </xsl:when>
        <xsl:when test="$own-lang = $lang or $text = ''">
          <xsl:next-iteration>
            <xsl:with-param name="lang" select="$own-lang"/>
            <xsl:with-param name="text" select="$text || $own"/>
            <xsl:with-param name="after-space" select="ends-with($own, ' ')"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:next-iteration>
            <xsl:with-param name="done" as="element(c:span)*">
              <xsl:sequence select="$done"/>
              <c:span lang="{$lang}">{$text}</c:span>
            </xsl:with-param>
            <xsl:with-param name="lang" select="$own-lang"/>
            <xsl:with-param name="text" select="$own"/>
            <xsl:with-param name="after-space" select="ends-with($own, ' ')"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- The characters $start to $start + $length - 1 of the string the pieces make, in
       pieces. -->
  <xsl:function name="fp:slice" as="element(c:span)*">
    <xsl:param name="pieces" as="element(c:span)*"/>
    <xsl:param name="start" as="xs:integer"/>
    <xsl:param name="length" as="xs:integer"/>
    <xsl:iterate select="$pieces">
      <xsl:param name="from" as="xs:integer" select="1"/>
      <xsl:variable name="size" select="string-length(.)"/>
      <xsl:variable name="first" select="max(($start, $from)) - $from + 1"/>
      <xsl:variable name="last" select="min(($start + $length - 1, $from + $size - 1)) - $from + 1"/>
      <xsl:if test="$last ge $first">
        <c:span lang="{@lang}">{substring(., $first, $last - $first + 1)}</c:span>
      </xsl:if>
      <xsl:next-iteration>
        <xsl:with-param name="from" select="$from + $size"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- The pieces in the mention's language as text, the others as they are. -->
  <xsl:function name="fp:in-language" as="node()*">
    <xsl:param name="pieces" as="element(c:span)*"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:for-each select="$pieces">
      <xsl:sequence select="if (@lang = $lang) then text() else ."/>
    </xsl:for-each>
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
