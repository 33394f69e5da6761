<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl: TEI text to HTML, one rule set for the web and the print edition.

  Mode f:text renders the body of a TEI file. The few places where web and print differ
  (links to index pages against footnotes and page references) are decided by the
  $output parameter, so a note or a name is handled by one template in both editions.
  Elements without a specific rule are still rendered, with their text, by the
  generic rules at the end: nothing a document contains is silently dropped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- 'html' for the web edition, 'print' for the print edition. -->
  <xsl:param name="output" as="xs:string" select="'html'"/>

  <!-- Elements rendered as blocks when a stylesheet has no rule for them. -->
  <xsl:variable name="fp:block-names" as="xs:string*" select="('div', 'p', 'ab', 'list', 'table',
      'lg', 'sp', 'figure', 'listBibl', 'cit', 'quote', 'floatingText', 'group', 'text', 'body',
      'front', 'back', 'div1', 'div2', 'div3', 'div4', 'opener', 'closer', 'postscript',
      'app', 'listApp', 'listWit', 'castList', 'table', 'msDesc', 'head', 'sourceDoc', 'surface',
      'zone', 'line', 'dateline', 'salute', 'signed', 'byline', 'docTitle', 'titlePage', 'argument',
      'epigraph', 'trailer', 'note', 'spGrp', 'stage', 'listPerson', 'listPlace', 'listOrg')"/>

  <xsl:mode name="f:text" on-no-match="shallow-skip"/>

  <!-- ======================================================= -->
  <!-- Structure                                                 -->
  <!-- ======================================================= -->

  <xsl:template match="tei:body | tei:front | tei:back" mode="f:text">
    <xsl:param name="heading-level" as="xs:integer" select="2" tunnel="yes"/>
    <xsl:apply-templates mode="f:text"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4" mode="f:text">
    <xsl:param name="heading-level" as="xs:integer" select="2" tunnel="yes"/>
    <section class="{string-join(('div', @type ! ('div-' || .)), ' ')}">
      <xsl:call-template name="fp:common-attributes"/>
      <xsl:if test="@type = 'not-summarised'">
        <xsl:attribute name="aria-label" select="'Not yet summarised'"/>
      </xsl:if>
      <xsl:apply-templates select="tei:head" mode="f:heading">
        <xsl:with-param name="level" select="min(($heading-level, 6))"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="node() except tei:head" mode="f:text">
        <xsl:with-param name="heading-level" select="$heading-level + (if (tei:head) then 1 else 0)" tunnel="yes"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <xsl:template match="tei:head" mode="f:heading">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:element name="h{$level}">
      <xsl:apply-templates mode="f:text"/>
    </xsl:element>
  </xsl:template>

  <!-- A head outside a div (in a list, a listBibl) is a caption. -->
  <xsl:template match="tei:head" mode="f:text">
    <p class="head"><xsl:apply-templates mode="f:text"/></p>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="f:text">
    <p id="{f:paragraph-id(.)}">
      <xsl:call-template name="fp:lang"/>
      <xsl:apply-templates mode="f:text"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:list" mode="f:text">
    <xsl:apply-templates select="tei:head" mode="f:text"/>
    <xsl:choose>
      <xsl:when test="@type = 'gloss' or tei:label">
        <dl class="gloss">
          <xsl:for-each select="tei:item">
            <div>
              <dt><xsl:apply-templates select="preceding-sibling::*[1][self::tei:label]/node()" mode="f:text"/></dt>
              <dd><xsl:apply-templates mode="f:text"/></dd>
            </div>
          </xsl:for-each>
        </dl>
      </xsl:when>
      <xsl:when test="@type = 'ordered' or @rend = 'numbered'">
        <ol><xsl:apply-templates select="tei:item" mode="f:text"/></ol>
      </xsl:when>
      <xsl:otherwise>
        <ul><xsl:apply-templates select="tei:item" mode="f:text"/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item" mode="f:text">
    <li><xsl:apply-templates mode="f:text"/></li>
  </xsl:template>

  <xsl:template match="tei:cit" mode="f:text">
    <figure class="cit">
      <blockquote>
        <xsl:for-each select="tei:quote">
          <xsl:call-template name="fp:quote-source"/>
          <p><xsl:apply-templates mode="f:text"/></p>
        </xsl:for-each>
      </blockquote>
      <xsl:if test="tei:bibl">
        <figcaption><xsl:apply-templates select="tei:bibl" mode="f:bibl"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:listBibl" mode="f:text">
    <xsl:apply-templates select="tei:head" mode="f:text"/>
    <ul class="bibliography">
      <xsl:for-each select="tei:bibl | tei:biblStruct">
        <li>
          <xsl:call-template name="fp:common-attributes"/>
          <xsl:apply-templates select="." mode="f:bibl"/>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="tei:table" mode="f:text">
    <table>
      <xsl:apply-templates select="tei:head" mode="f:caption"/>
      <tbody>
        <xsl:for-each select="tei:row">
          <tr>
            <xsl:for-each select="tei:cell">
              <xsl:element name="{if (../@role = 'label' or @role = 'label') then 'th' else 'td'}">
                <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                <xsl:apply-templates mode="f:text"/>
              </xsl:element>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="tei:head" mode="f:caption">
    <caption><xsl:apply-templates mode="f:text"/></caption>
  </xsl:template>

  <xsl:template match="tei:lg" mode="f:text">
    <div class="lg">
      <xsl:apply-templates mode="f:text"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:l" mode="f:text">
    <span class="l"><xsl:apply-templates mode="f:text"/></span>
  </xsl:template>

  <xsl:template match="tei:lb" mode="f:text">
    <br/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="f:text">
    <span class="pb">[<xsl:value-of select="(@n ! ('p. ' || .), 'page break')[1]"/>]</span>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Names, dates and terms                                    -->
  <!-- ======================================================= -->

  <!-- A tagged name: in the web edition a link to its index entry with a description
       that shows on hover and keyboard focus; in print a span the index can point at. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name" mode="f:text">
    <!-- True inside a link already made: HTML forbids a link inside a link. -->
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="entry" select="f:entry(.)"/>
    <xsl:variable name="index" select="f:index-of($entry)"/>
    <xsl:variable name="classes" select="string-join(('name', $index, @cert ! ('cert-' || .)), ' ')"/>
    <xsl:choose>
      <xsl:when test="empty($entry) or ($in-link and $output = 'html')">
        <span class="{$classes}"><xsl:apply-templates mode="f:text"/></span>
      </xsl:when>
      <xsl:when test="$output = 'print'">
        <span class="{$classes}" id="{f:mention-id(.)}"><xsl:apply-templates mode="f:text"/></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="tip-id" select="'tip-' || f:mention-id(.)"/>
        <a class="{$classes}" href="{$index}.html#{f:entry-anchor($entry)}" aria-describedby="{$tip-id}">
          <xsl:apply-templates mode="f:text">
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <span class="tip" role="tooltip" id="{$tip-id}">
            <xsl:value-of select="f:entry-description($entry)"/>
            <xsl:if test="@cert = ('low', 'unknown')"> (identification uncertain)</xsl:if>
          </span>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date" mode="f:text">
    <time>
      <xsl:if test="f:iso(.) != ''">
        <xsl:attribute name="datetime" select="f:iso(.)"/>
      </xsl:if>
      <xsl:if test="@type = 'editorial'">
        <xsl:attribute name="class" select="'editorial'"/>
        <xsl:attribute name="title" select="'Date supplied by the editors: ' || f:format-date(.)"/>
      </xsl:if>
      <xsl:apply-templates mode="f:text"/>
    </time>
  </xsl:template>

  <xsl:template match="tei:title" mode="f:text">
    <cite><xsl:apply-templates mode="f:text"/></cite>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:term | tei:idno | tei:label | tei:measure | tei:num" mode="f:text">
    <span class="{local-name()}">
      <xsl:call-template name="fp:lang"/>
      <xsl:apply-templates mode="f:text"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:abbr" mode="f:text">
    <abbr><xsl:apply-templates mode="f:text"/></abbr>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = ('italic', 'i')] | tei:emph" mode="f:text">
    <em><xsl:apply-templates mode="f:text"/></em>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = ('bold', 'b')]" mode="f:text">
    <strong><xsl:apply-templates mode="f:text"/></strong>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = ('superscript', 'sup')]" mode="f:text">
    <sup><xsl:apply-templates mode="f:text"/></sup>
  </xsl:template>

  <xsl:template match="tei:hi" mode="f:text">
    <span class="hi {@rend}"><xsl:apply-templates mode="f:text"/></span>
  </xsl:template>

  <xsl:template match="tei:quote | tei:q" mode="f:text">
    <q>
      <xsl:call-template name="fp:quote-source"/>
      <xsl:call-template name="fp:lang"/>
      <xsl:apply-templates mode="f:text"/>
    </q>
  </xsl:template>

  <!-- The source of a quotation, as the cite attribute when it is a web address. -->
  <xsl:template name="fp:quote-source">
    <xsl:variable name="source" select="f:resolve(tokenize(@source)[1])"/>
    <xsl:variable name="url" select="($source//tei:ref/@target[f:is-external(.)])[1]"/>
    <xsl:if test="$url">
      <xsl:attribute name="cite" select="$url"/>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Links, gaps and notes                                     -->
  <!-- ======================================================= -->

  <xsl:template match="tei:ref | tei:ptr" mode="f:text">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="target" select="tokenize(@target)[1]"/>
    <xsl:variable name="href" select="f:href($target)"/>
    <xsl:variable name="label" as="node()*">
      <xsl:apply-templates mode="f:text">
        <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="label" as="item()*" select="if (exists($label)) then $label else f:link-label($target)"/>
    <xsl:choose>
      <xsl:when test="$href and $output = 'html' and not($in-link)">
        <a href="{$href}"><xsl:sequence select="$label"/></a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$label"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:gap" mode="f:text">
    <xsl:choose>
      <xsl:when test="@reason = 'archive-omission'">
        <span class="gap archive-omission" title="Omission marked by the archive">[…]</span>
      </xsl:when>
      <xsl:when test="@reason = 'not-seen'">
        <span class="gap not-seen">[Not yet summarised: this part of the document has not been read by the editors.]</span>
      </xsl:when>
      <xsl:otherwise>
        <span class="gap">[gap<xsl:value-of select="@reason ! (': ' || .)"/>]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note in a text: a numbered call here, the note itself in the notes section (web)
       or at the foot of the page (print). -->
  <xsl:template match="tei:text//tei:note" mode="f:text">
    <xsl:variable name="number" select="f:note-number(.)"/>
    <xsl:choose>
      <xsl:when test="$output = 'print'">
        <span class="footnote"><xsl:apply-templates select="." mode="f:note-body"/></span>
      </xsl:when>
      <xsl:otherwise>
        <sup class="note-call"><a id="note-call-{$number}" href="#note-{$number}" aria-label="Note {$number}"><xsl:value-of select="$number"/></a></sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="f:note-body">
    <xsl:if test="@type">
      <span class="note-type"><xsl:value-of select="f:note-type-label(@type)"/>. </span>
    </xsl:if>
    <xsl:apply-templates mode="f:inline-note"/>
  </xsl:template>

  <!-- Inside a note, paragraphs become runs of text so the note stays one block. -->
  <xsl:template match="tei:p" mode="f:inline-note">
    <span class="note-p"><xsl:apply-templates mode="f:text"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="node()" mode="f:inline-note">
    <xsl:apply-templates select="." mode="f:text"/>
  </xsl:template>

  <xsl:function name="f:note-type-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="(map {
        'editorial': 'Editorial note', 'discrepancy': 'Discrepancy between sources',
        'missing': 'Missing information', 'translation': 'On the translation',
        'context': 'Context', 'uncertainty': 'Uncertain', 'classification': 'Classification'
      }($type), $type)[1]"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Bibliographic references                                  -->
  <!-- ======================================================= -->

  <xsl:template match="tei:bibl | tei:biblStruct" mode="f:bibl">
    <xsl:variable name="authors" select="tei:author ! normalize-space(.)"/>
    <xsl:if test="exists($authors)">
      <xsl:value-of select="string-join($authors, ', ')"/>
      <xsl:text>. </xsl:text>
    </xsl:if>
    <xsl:for-each select="tei:title">
      <xsl:choose>
        <xsl:when test="@level = ('a', 'u')">“<xsl:apply-templates mode="f:text"/>.” </xsl:when>
        <xsl:otherwise><cite><xsl:apply-templates mode="f:text"/></cite>. </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:for-each select="tei:editor">Edited by <xsl:value-of select="normalize-space(.)"/>. </xsl:for-each>
    <xsl:for-each select="tei:biblScope">
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:value-of select="string-join((tei:pubPlace, tei:publisher, tei:orgName) ! normalize-space(.), ': ')"/>
    <xsl:if test="tei:pubPlace or tei:publisher or tei:orgName">
      <xsl:text>, </xsl:text>
    </xsl:if>
    <xsl:for-each select="tei:date">
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:idno">
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:ref[f:is-safe-url(@target)] | tei:ptr[f:is-safe-url(@target)]">
      <xsl:apply-templates select="." mode="f:text"/>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:note">
      <span class="bibl-note"><xsl:apply-templates mode="f:text"/></span>
      <xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:if test="not(*)">
      <xsl:apply-templates mode="f:text"/>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Generic rendering of anything else                        -->
  <!-- ======================================================= -->

  <xsl:template match="*" mode="f:text">
    <xsl:variable name="block" select="local-name() = $fp:block-names
        or exists(*[local-name() = $fp:block-names])"/>
    <xsl:element name="{if ($block) then 'div' else 'span'}">
      <!-- tei-generic marks what no specific rule handles: `cables build` counts these. -->
      <xsl:attribute name="class" select="'tei-' || local-name(), 'tei-generic'"/>
      <xsl:call-template name="fp:lang"/>
      <xsl:apply-templates mode="f:text"/>
    </xsl:element>
  </xsl:template>

  <!-- The header, facsimiles and stand-off data are not running text. -->
  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff | tei:fw" mode="f:text"/>

  <xsl:template match="text()" mode="f:text">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="f:text"/>

  <!-- ======================================================= -->
  <!-- Helpers                                                   -->
  <!-- ======================================================= -->

  <xsl:template name="fp:lang">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="fp:common-attributes">
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
    <xsl:call-template name="fp:lang"/>
  </xsl:template>

  <!-- Stable anchors: paragraphs and mentions are numbered in document order. -->
  <xsl:function name="f:paragraph-id" as="xs:string">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="($p/@xml:id, 'p' || $p ! accumulator-before('fp:paragraphs'))[1]"/>
  </xsl:function>

  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="doc" select="f:document-of($name)"/>
    <xsl:sequence select="($doc/@xml:id, 'file')[1] || '-m' || $name ! accumulator-before('fp:mentions')"/>
  </xsl:function>

  <!-- Where a pointer leads in the site: an index entry, a document, a note, a URL. -->
  <xsl:function name="f:href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="resolved" select="f:resolve($target)"/>
    <xsl:variable name="index" select="f:index-of($resolved)"/>
    <xsl:sequence select="
        if (empty($target) or not(f:is-safe-url($target))) then ()
        else if (f:is-external($target)) then $target
        else if ($index) then $index || '.html#' || f:entry-anchor($resolved)
        else if ($resolved) then f:page-of($resolved) || (if ($resolved/self::tei:TEI) then '' else '#' || $resolved/@xml:id)
        else ()"/>
  </xsl:function>

  <xsl:function name="f:link-label" as="xs:string">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="resolved" select="f:resolve($target)"/>
    <xsl:sequence select="if ($resolved/self::tei:TEI) then f:short-title($resolved)
        else if ($resolved) then f:entry-name($resolved) else string($target)"/>
  </xsl:function>

  <!-- The page that shows an element of a corpus file. The site is flat: every page sits
       at its root, named after the TEI file it shows, so links need no path arithmetic. -->
  <xsl:function name="f:page-of" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="tei" select="f:document-of($element)"/>
    <xsl:sequence select="f:stem($tei) || '.html'"/>
  </xsl:function>

</xsl:stylesheet>
