<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl: TEI text to HTML, one rule set for the web and the print edition.

  Mode m:text renders the body of a TEI file. The few places where web and print differ
  (links to index pages against footnotes and page references) are decided by the
  $output parameter, so a note or a name is handled by one template in both editions.
  Elements without a specific rule are still rendered, with their text, by the
  generic rules at the end: nothing a document contains is silently dropped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:m="urn:cables:modes"
    xmlns:mp="urn:cables:modes:private"
    xmlns:t="urn:cables:templates"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- 'html' for the web edition, 'print' for the print edition. -->
  <xsl:param name="output" as="xs:string" select="'html'"/>

  <!-- Elements rendered as blocks when a stylesheet has no rule for them. -->
  <xsl:variable name="vp:block-names" as="xs:string*" select="('div', 'p', 'ab', 'list', 'table',
      'lg', 'sp', 'figure', 'listBibl', 'cit', 'quote', 'floatingText', 'group', 'text', 'body',
      'front', 'back', 'div1', 'div2', 'div3', 'div4', 'opener', 'closer', 'postscript',
      'app', 'listApp', 'listWit', 'castList', 'msDesc', 'head', 'sourceDoc', 'surface',
      'zone', 'line', 'dateline', 'salute', 'signed', 'byline', 'docTitle', 'titlePage', 'argument',
      'epigraph', 'trailer', 'note', 'spGrp', 'stage', 'listPerson', 'listPlace', 'listOrg')"/>

  <!-- The shared rendering of TEI text for the web and print editions: a template in this
       mode matching a TEI element changes how both outputs render it ($output says which
       one is being written). Elements no template matches are skipped, their text kept. -->
  <xsl:mode name="m:text" on-no-match="shallow-skip"/>

  <!-- ======================================================= -->
  <!-- Structure                                                 -->
  <!-- ======================================================= -->

  <xsl:template match="tei:body | tei:front | tei:back" mode="m:text">
    <xsl:apply-templates mode="m:text"/>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4" mode="m:text">
    <xsl:param name="heading-level" as="xs:integer" select="2" tunnel="yes"/>
    <section class="{string-join(('div', @type ! ('div-' || .)), ' ')}">
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:if test="@type = 'not-summarised'">
        <xsl:attribute name="aria-label" select="f:label('not-yet-summarised')"/>
      </xsl:if>
      <xsl:apply-templates select="tei:head" mode="m:heading">
        <xsl:with-param name="level" select="min(($heading-level, 6))"/>
      </xsl:apply-templates>
      <xsl:apply-templates select="node() except tei:head" mode="m:text">
        <xsl:with-param name="heading-level" select="$heading-level + (if (tei:head) then 1 else 0)" tunnel="yes"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- A division's head as its heading element (h2 to h6), with the parameter $level. -->
  <xsl:mode name="m:heading"/>

  <xsl:template match="tei:head" mode="m:heading">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:element name="h{$level}">
      <xsl:apply-templates mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- A head outside a div (in a list, a listBibl) is a caption. -->
  <xsl:template match="tei:head" mode="m:text">
    <xsl:element name="{if (fp:in-phrasing(.)) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'head'"/>
      <xsl:apply-templates mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph. A numbered one (f:is-numbered-paragraph) carries its anchor ("p4" on
       the web, "{document}-p4" in print, f:paragraph-id) and starts with its number: on
       the web a link to itself, to copy or cite ("¶ 4"), which edition.css sets in the
       margin; in print the number alone, for print.css to place. A paragraph with an
       xml:id keeps it, and its number carries the anchor. -->
  <xsl:template match="tei:p | tei:ab" mode="m:text">
    <!-- False where a paragraph is quoted away from its text (the home page's lead): its
         number and anchor belong to its own page. -->
    <xsl:param name="numbered" as="xs:boolean" select="true()" tunnel="yes"/>
    <xsl:variable name="number" select="f:paragraph-number(.)[$numbered]"/>
    <p>
      <xsl:if test="@xml:id or exists($number)">
        <xsl:attribute name="id" select="(@xml:id, f:paragraph-id(.))[1]"/>
      </xsl:if>
      <xsl:call-template name="tp:lang"/>
      <xsl:if test="exists($number)">
        <xsl:call-template name="tp:paragraph-number">
          <xsl:with-param name="number" select="$number"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates mode="m:text"/>
    </p>
  </xsl:template>

  <xsl:template name="tp:paragraph-number">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:variable name="anchor" select="f:paragraph-id(.)"/>
    <xsl:element name="{if ($output = 'html') then 'a' else 'span'}">
      <xsl:attribute name="class" select="'paragraph-number'"/>
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="$anchor"/>
      </xsl:if>
      <!-- The number is in the edition's words, whatever the paragraph's language. -->
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang" select="$v:edition/@language"/>
      </xsl:if>
      <xsl:if test="$output = 'html'">
        <xsl:attribute name="href" select="'#' || $anchor"/>
        <xsl:attribute name="aria-label" select="f:label('paragraph-number-link', $number)"/>
      </xsl:if>
      <xsl:value-of select="f:label('paragraph-number', $number)"/>
    </xsl:element>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="tei:list" mode="m:text">
    <xsl:apply-templates select="tei:head" mode="m:text"/>
    <xsl:choose>
      <xsl:when test="@type = 'gloss' or tei:label">
        <dl class="gloss">
          <xsl:for-each select="tei:item">
            <div>
              <dt><xsl:apply-templates select="preceding-sibling::*[1][self::tei:label]/node()" mode="m:text"/></dt>
              <dd><xsl:apply-templates mode="m:text"/></dd>
            </div>
          </xsl:for-each>
        </dl>
      </xsl:when>
      <xsl:when test="@type = 'ordered' or @rend = 'numbered'">
        <ol><xsl:apply-templates select="tei:item" mode="m:text"/></ol>
      </xsl:when>
      <xsl:otherwise>
        <ul><xsl:apply-templates select="tei:item" mode="m:text"/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item" mode="m:text">
    <li><xsl:apply-templates mode="m:text"/></li>
  </xsl:template>

  <!-- A quotation with its source: a block quotation and its caption, or (inside a
       paragraph) the quotation followed by its source in parentheses. Nothing in the cit
       is dropped: what is neither quotation nor source stays with the quotation. -->
  <xsl:template match="tei:cit" mode="m:text">
    <xsl:variable name="sources" select="tei:bibl | tei:biblStruct | tei:listBibl | tei:ref | tei:ptr"/>
    <xsl:choose>
      <xsl:when test="fp:in-phrasing(.)">
        <span class="cit">
          <xsl:call-template name="tp:common-attributes"/>
          <xsl:apply-templates select="node() except $sources" mode="m:text"/>
          <xsl:if test="$sources">
            <xsl:text> (</xsl:text>
            <xsl:apply-templates select="$sources" mode="mp:cit-source"/>
            <xsl:text>)</xsl:text>
          </xsl:if>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <figure class="cit">
          <xsl:call-template name="tp:common-attributes"/>
          <blockquote>
            <xsl:for-each select="* except $sources">
              <xsl:choose>
                <xsl:when test="(self::tei:quote | self::tei:q) and not(fp:holds-blocks(.))">
                  <xsl:call-template name="tp:quote-source"/>
                  <p><xsl:call-template name="tp:lang"/><xsl:apply-templates mode="m:text"/></p>
                </xsl:when>
                <xsl:when test="self::tei:quote | self::tei:q">
                  <xsl:call-template name="tp:quote-source"/>
                  <xsl:apply-templates mode="m:text"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:apply-templates select="." mode="m:text"/>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </blockquote>
          <xsl:if test="$sources">
            <figcaption><xsl:apply-templates select="$sources" mode="mp:cit-source"/></figcaption>
          </xsl:if>
        </figure>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:bibl | tei:biblStruct" mode="mp:cit-source">
    <xsl:apply-templates select="." mode="m:bibl"/>
  </xsl:template>

  <xsl:template match="*" mode="mp:cit-source">
    <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates select="." mode="m:text"/>
  </xsl:template>

  <xsl:template match="tei:listBibl" mode="m:text">
    <xsl:apply-templates select="tei:head" mode="m:text"/>
    <ul class="bibliography">
      <xsl:for-each select="tei:bibl | tei:biblStruct">
        <li>
          <xsl:call-template name="tp:common-attributes"/>
          <xsl:apply-templates select="." mode="m:bibl"/>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A register kept in the text (letters that carry their persons and places in back):
       a list of what it names, each entry linked to its index and followed by the rest of
       its words (other names, places it lies in, identifiers, notes) in a quieter line,
       rather than every field of every entry run together as prose; nothing is left out.
       Entries inside entries (a place's places) are a list within the item. The entries
       are registers for the indices too (f:register-entries). -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent" mode="m:text">
    <xsl:variable name="entries" select="fp:register-entries-of(.)"/>
    <xsl:if test="exists($entries) or tei:head">
      <section class="register">
        <xsl:call-template name="tp:common-attributes"/>
        <xsl:choose>
          <xsl:when test="tei:head"><xsl:apply-templates select="tei:head" mode="m:text"/></xsl:when>
          <xsl:otherwise>
            <p class="register-head">
              <!-- register-{page}: the page that lists what the list holds (listPerson, person: persons). -->
              <xsl:value-of select="f:label('register-' || $vp:page-of-entry(lower-case(substring-after(local-name(), 'list'))))"/>
            </p>
          </xsl:otherwise>
        </xsl:choose>
        <ul>
          <xsl:apply-templates select="$entries" mode="mp:register-entry"/>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The entries a register or an entry holds, directly or in a list of its own. -->
  <xsl:function name="fp:register-entries-of" as="element()*">
    <xsl:param name="parent" as="element()"/>
    <xsl:sequence select="$parent/(tei:person | tei:personGrp | tei:place | tei:org | tei:event
        | (tei:listPerson | tei:listPlace | tei:listOrg | tei:listEvent)/(tei:person
          | tei:personGrp | tei:place | tei:org | tei:event))"/>
  </xsl:function>

  <xsl:template match="*" mode="mp:register-entry">
    <xsl:variable name="described" select="f:entry-description(.)"/>
    <xsl:variable name="inner" select="fp:register-entries-of(.)"/>
    <xsl:variable name="more" select="distinct-values(
        (descendant::text()[normalize-space()] except $inner//text()) ! normalize-space(.))
        [not(contains($described, .))]"/>
    <li>
      <xsl:variable name="index" select="f:index-of(.)"/>
      <xsl:choose>
        <xsl:when test="@xml:id and exists($index)">
          <a href="{f:entry-href(., $output)}"><xsl:value-of select="$described"/></a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$described"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="exists($more)">
        <span class="register-more"><xsl:value-of select="' · ' || string-join($more, ' · ')"/></span>
      </xsl:if>
      <xsl:if test="exists($inner)">
        <ul><xsl:apply-templates select="$inner" mode="mp:register-entry"/></ul>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="tei:table" mode="m:text">
    <table>
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:apply-templates select="tei:head" mode="m:caption"/>
      <tbody>
        <xsl:for-each select="tei:row">
          <tr>
            <xsl:for-each select="tei:cell">
              <xsl:element name="{if (../@role = 'label' or @role = 'label') then 'th' else 'td'}">
                <xsl:if test="@cols"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                <xsl:if test="@rows"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                <xsl:apply-templates mode="m:text"/>
              </xsl:element>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- A table's head as its caption. -->
  <xsl:mode name="m:caption"/>

  <xsl:template match="tei:head" mode="m:caption">
    <caption><xsl:apply-templates mode="m:text"/></caption>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Verse and drama, set off as in a printed play             -->
  <!-- ======================================================= -->

  <xsl:template match="tei:lg" mode="m:text">
    <xsl:element name="{fp:block-element(.)}">
      <xsl:attribute name="class" select="'lg', @type ! ('lg-' || .)"/>
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:apply-templates mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- A verse line keeps its line in both editions (print.css and edition.css make it a
       block); every fifth line of the text is numbered, by @n when the encoding gives it. -->
  <xsl:template match="tei:l" mode="m:text">
    <xsl:variable name="number" select="fp:line-number(.)"/>
    <span>
      <xsl:attribute name="class" select="'l', @part ! ('part-' || .), @rend[. = 'indent'] ! 'indent'"/>
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:if test="exists($number) and $number mod 5 = 0">
        <span class="line-number" aria-hidden="true"><xsl:value-of select="$number"/></span>
      </xsl:if>
      <xsl:apply-templates mode="m:text"/>
    </span>
  </xsl:template>

  <!-- Lines of the text's own verse, counted once per document in reading order; a part
       of a shared line (@part M, F) is not a line of its own, nor is verse quoted in prose
       or in a note. -->
  <xsl:accumulator name="fp:verse-lines" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:l[fp:counts-as-line(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="fp:counts-as-line" as="xs:boolean">
    <xsl:param name="line" as="element(tei:l)"/>
    <xsl:sequence select="not($line/@part = ('M', 'F'))
        and not($line/ancestor::*[self::tei:note or self::tei:quote or self::tei:q or self::tei:cit])"/>
  </xsl:function>

  <xsl:function name="fp:line-number" as="xs:integer?">
    <xsl:param name="line" as="element(tei:l)"/>
    <xsl:sequence select="if (not(fp:counts-as-line($line))) then ()
        else if ($line/@n castable as xs:integer) then xs:integer($line/@n)
        else $line ! accumulator-before('fp:verse-lines')"/>
  </xsl:function>

  <xsl:template match="tei:sp | tei:spGrp" mode="m:text">
    <xsl:element name="{fp:block-element(.)}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:apply-templates mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- A stage direction between speeches is a block of its own; within a line or a
       paragraph it runs with the text. Both are italic. -->
  <xsl:template match="tei:speaker | tei:stage | tei:set | tei:move" mode="m:text">
    <xsl:element name="{fp:block-element(.)}">
      <xsl:attribute name="class" select="local-name(), @type ! (local-name(..) || '-' || .)"/>
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:apply-templates mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- The persons of a play: a list of roles, each with its description. -->
  <xsl:template match="tei:castList" mode="m:text">
    <div class="castList">
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:call-template name="tp:cast-members"/>
    </div>
  </xsl:template>

  <xsl:template name="tp:cast-members">
    <xsl:for-each-group select="*" group-adjacent="exists(self::tei:castItem | self::tei:castGroup)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <ul class="cast"><xsl:apply-templates select="current-group()" mode="m:text"/></ul>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="current-group()" mode="m:text"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template match="tei:castItem" mode="m:text">
    <li class="castItem"><xsl:call-template name="tp:common-attributes"/><xsl:apply-templates mode="m:text"/></li>
  </xsl:template>

  <xsl:template match="tei:castGroup" mode="m:text">
    <li class="castGroup">
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:call-template name="tp:cast-members"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:role | tei:roleDesc | tei:actor | tei:roleName" mode="m:text">
    <span class="{local-name()}">
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:apply-templates mode="m:text"/>
    </span>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- The parts of a letter and of a title page                 -->
  <!-- ======================================================= -->

  <!-- Openers, closers, datelines, signatures, title pages: each a block of its own (or a
       run of text where it stands inside a paragraph), classed by its TEI name. -->
  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:dateline | tei:salute
      | tei:signed | tei:byline | tei:titlePage | tei:docTitle | tei:titlePart | tei:docAuthor
      | tei:docDate | tei:docImprint | tei:docEdition | tei:argument | tei:epigraph | tei:trailer
      | tei:address | tei:addrLine | tei:floatingText | tei:group | tei:text//tei:text" mode="m:text">
    <xsl:element name="{fp:block-element(.)}">
      <xsl:attribute name="class" select="local-name(), @type ! (local-name(..) || '-' || .)"/>
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:apply-templates mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Line, column and page breaks                              -->
  <!-- ======================================================= -->

  <!-- The text keeps the source's lines in both editions. A word broken over two lines
       (@break="no") ends its line with a hyphen, unless the source wrote one, and the
       spaces the encoding put around the break do not split the word (see text()). A break
       that opens a paragraph or a line starts no empty line. -->
  <xsl:template match="tei:lb" mode="m:text">
    <xsl:variable name="before" select="preceding-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:if test="@break = 'no' and exists($before) and not(matches(normalize-space(string($before)), '[-‐‑¬⸗=]$'))">
      <span class="hyphen">-</span>
    </xsl:if>
    <xsl:if test="exists($before) or not(parent::tei:p or parent::tei:ab or parent::tei:l or parent::tei:head)">
      <br/>
    </xsl:if>
  </xsl:template>

  <!-- A break the source marks as not to be shown (@rend="hidden"): no new line; inside a
       word (@break="no", or the older @type="hyphenInWord") not even a space, so that
       "A<lb rend="hidden" type="hyphenInWord"/>pollo" reads "Apollo". -->
  <xsl:template match="tei:lb[@rend = 'hidden']" mode="m:text">
    <xsl:if test="not(@break = 'no' or @type = ('hyphenInWord', 'inWord'))">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A page break: its number, linked to the page's facsimile when that is a web address. -->
  <xsl:template match="tei:pb" mode="m:text">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="label" select="'[' || (@n ! f:label('break-page', .), f:label('break-page-unnumbered'))[1] || ']'"/>
    <xsl:variable name="facsimile" select="fp:facsimile-url(.)"/>
    <xsl:choose>
      <xsl:when test="exists($facsimile) and not($in-link)">
        <a class="pb" href="{$facsimile}" title="{(@n ! f:label('facsimile-page', .), f:label('facsimile-this-page'))[1]}">
          <xsl:value-of select="$label"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="pb"><xsl:value-of select="$label"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cb" mode="m:text">
    <span class="cb">[<xsl:value-of select="(@n ! f:label('break-column', .), f:label('break-column-unnumbered'))[1]"/>]</span>
  </xsl:template>

  <!-- The web address of a page's facsimile: @facs itself, or the graphic of the surface it
       points to; only http(s) addresses, which the reader's browser may open. -->
  <xsl:function name="fp:facsimile-url" as="xs:string?">
    <xsl:param name="break" as="element()"/>
    <xsl:variable name="facs" select="tokenize($break/@facs)[1]"/>
    <xsl:variable name="url" select="if (starts-with($facs, '#'))
        then (f:resolve($facs, $break)/(@url, .//tei:graphic/@url))[1] else $facs"/>
    <xsl:sequence select="$url[f:is-external(.) and f:is-safe-url(.) and not(starts-with(., 'mailto:'))] ! string(.)"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Figures                                                   -->
  <!-- ======================================================= -->

  <!-- The local images cables copied (figures.py), by their TEI file and @url. -->
  <xsl:key name="fp:figures" match="c:figure" use="@document || ' ' || @url"/>

  <!-- A figure: its images, its heading as the caption, its description as their
       alternative text. An image that cannot be shown (a web address, which is linked and
       never loaded, or a file that is missing) leaves its description in the text. -->
  <xsl:template match="tei:figure" mode="m:text">
    <xsl:variable name="inline" select="fp:in-phrasing(.)"/>
    <xsl:element name="{if ($inline) then 'span' else 'figure'}">
      <xsl:attribute name="class" select="'figure', @type ! ('figure-' || .)"/>
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:apply-templates select="tei:graphic | tei:binaryObject" mode="m:text"/>
      <xsl:apply-templates select="node() except (tei:head | tei:figDesc | tei:graphic | tei:binaryObject)" mode="m:text"/>
      <xsl:if test="tei:head">
        <xsl:element name="{if ($inline) then 'span' else 'figcaption'}">
          <xsl:attribute name="class" select="'figure-caption'"/>
          <xsl:apply-templates select="tei:head/node()" mode="m:text"/>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:graphic" mode="m:text">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- Where the copied images are, seen from the page being written: the site's assets
         folder, or the print folder (its documents/*.html pass '../'). -->
    <xsl:param name="figure-base" as="xs:string" tunnel="yes"
        select="if ($output = 'print') then '' else 'assets/'"/>
    <xsl:variable name="description" select="normalize-space(string-join(../tei:figDesc ! fp:plain(.), ' '))"/>
    <xsl:variable name="copy" select="key('fp:figures', document-uri(root(.)) || ' ' || @url, $manifest)[1]"/>
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <xsl:variable name="shown" select="'[Figure' || ($description[. != ''] ! (': ' || .)) || ']'"/>
    <xsl:choose>
      <xsl:when test="$copy">
        <img src="{$figure-base}figures/{string-join(tokenize($copy/@src, '/') ! encode-for-uri(.), '/')}" alt="{$description}"/>
      </xsl:when>
      <xsl:when test="f:is-external($url) and not(starts-with($url, 'mailto:')) and not($in-link)">
        <a class="figure-link" href="{$url}"><xsl:value-of select="$shown"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="figure-missing"><xsl:value-of select="$shown"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Embedded image data is not shown; its figure's description stands for it. -->
  <xsl:template match="tei:binaryObject" mode="m:text">
    <span class="figure-missing">[Figure<xsl:value-of select="../tei:figDesc ! (': ' || fp:plain(.))"/>]</span>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Names, dates and terms                                    -->
  <!-- ======================================================= -->

  <!-- A tagged name: in the web edition a link to its index entry with a description
       that shows on hover and keyboard focus; in print a span the index can point at. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name" mode="m:text">
    <!-- True inside a link already made: HTML forbids a link inside a link. -->
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="entry" select="f:entry(.)"/>
    <xsl:variable name="index" select="f:index-of($entry)"/>
    <xsl:variable name="classes" select="string-join(('name', $index, @cert ! ('cert-' || .)), ' ')"/>
    <xsl:choose>
      <xsl:when test="empty($entry) or ($in-link and $output = 'html')">
        <span class="{$classes}"><xsl:call-template name="tp:lang"/><xsl:apply-templates mode="m:text"/></span>
      </xsl:when>
      <xsl:when test="$output = 'print'">
        <span class="{$classes}" id="{f:mention-id(.)}"><xsl:call-template name="tp:lang"/><xsl:apply-templates mode="m:text"/></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="tip-id" select="'tip-' || f:mention-id(.)"/>
        <a class="{$classes}" href="{f:entry-href($entry, $output)}" aria-describedby="{$tip-id}">
          <xsl:call-template name="tp:lang"/>
          <xsl:apply-templates mode="m:text">
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
          <span class="tip" role="tooltip" id="{$tip-id}">
            <!-- The description is in the edition's language (its other parts carry their
                 own), which a name in a text of another language must say. -->
            <xsl:variable name="in-force" select="string((ancestor-or-self::*/@xml:lang)[last()])"/>
            <xsl:if test="$in-force != '' and $in-force != $v:edition/@language">
              <xsl:attribute name="lang" select="$v:edition/@language"/>
            </xsl:if>
            <xsl:sequence select="f:entry-description-nodes($entry)"/>
            <xsl:value-of select="f:certainty(.) ! (' (' || f:label('identification-certainty', .) || ')')"/>
          </span>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date for a reader and a machine: <time datetime> when its ISO form is one HTML
       accepts (a year, a month or a day), else a plain span, as an undated document or a
       foreign corpus's "1905-00-00" would make the page invalid. -->
  <xsl:template name="t:time">
    <xsl:param name="date" as="element()?"/>
    <xsl:param name="content" as="item()*" select="f:format-date($date)"/>
    <xsl:variable name="iso" select="f:iso($date)"/>
    <xsl:choose>
      <xsl:when test="matches($iso, '^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$')">
        <time datetime="{$iso}"><xsl:sequence select="$content"/></time>
      </xsl:when>
      <xsl:otherwise><span class="date"><xsl:sequence select="$content"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date" mode="m:text">
    <!-- <time> only with a datetime HTML accepts; without one its words would have to be
         a date in ISO form themselves. -->
    <xsl:variable name="iso" select="f:iso(.)"/>
    <xsl:variable name="valid" select="matches($iso, '^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$')"/>
    <xsl:element name="{if ($valid) then 'time' else 'span'}">
      <xsl:if test="$valid">
        <xsl:attribute name="datetime" select="$iso"/>
      </xsl:if>
      <xsl:if test="@type = 'editorial'">
        <xsl:attribute name="class" select="'editorial'"/>
        <xsl:attribute name="title" select="f:label('date-editorial', f:format-date(.))"/>
      </xsl:if>
      <xsl:apply-templates mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- Titles of books, journals and series in italics; of articles, poems and unpublished
       pieces (@level a, u) in quotation marks, as a bibliography writes them. -->
  <xsl:template match="tei:title" mode="m:text">
    <cite>
      <xsl:if test="@level = ('a', 'u')">
        <xsl:attribute name="class" select="'title-quoted'"/>
      </xsl:if>
      <xsl:call-template name="tp:lang"/>
      <xsl:if test="@level = ('a', 'u')">“</xsl:if>
      <xsl:apply-templates mode="m:text"/>
      <xsl:if test="@level = ('a', 'u')">”</xsl:if>
    </cite>
  </xsl:template>

  <!-- Words mentioned as words in italics; so-called words and speech in quotation marks. -->
  <xsl:template match="tei:mentioned | tei:gloss" mode="m:text">
    <em class="{local-name()}"><xsl:call-template name="tp:lang"/><xsl:apply-templates mode="m:text"/></em>
  </xsl:template>

  <xsl:template match="tei:soCalled | tei:said[not(@direct = 'false')]" mode="m:text">
    <q class="{local-name()}"><xsl:call-template name="tp:lang"/><xsl:apply-templates mode="m:text"/></q>
  </xsl:template>

  <xsl:template match="tei:said" mode="m:text">
    <span class="said"><xsl:call-template name="tp:lang"/><xsl:apply-templates mode="m:text"/></span>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:term | tei:idno | tei:label | tei:measure | tei:num" mode="m:text">
    <span class="{local-name()}">
      <xsl:call-template name="tp:lang"/>
      <xsl:apply-templates mode="m:text"/>
    </span>
  </xsl:template>

  <!-- Segments, words and characters the encoding marks: their text, with their language. -->
  <xsl:template match="tei:seg | tei:w | tei:c | tei:pc | tei:text//tei:bibl" mode="m:text">
    <span class="{local-name()}">
      <xsl:call-template name="tp:common-attributes"/>
      <xsl:apply-templates mode="m:text"/>
    </span>
  </xsl:template>

  <!-- A point a pointer may lead to. -->
  <xsl:template match="tei:anchor" mode="m:text">
    <xsl:if test="@xml:id"><span class="anchor" id="{@xml:id}"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:abbr" mode="m:text">
    <abbr><xsl:apply-templates mode="m:text"/></abbr>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Readings: choice and its children                         -->
  <!-- ======================================================= -->

  <!-- The readings the editors show, one of each pair (abbr/expan, orig/reg, sic/corr):
       [text] choice in edition.toml, through the manifest. -->
  <xsl:variable name="v:choice" as="xs:string*"
      select="if ($v:edition/@choice) then tokenize($v:edition/@choice) else ('expan', 'reg', 'corr')"/>

  <!-- One reading shown, the others available: on the web as the hover text, in print
       only the reading shown (a printed text reads as one text). -->
  <xsl:template match="tei:choice" mode="m:text">
    <xsl:variable name="shown" select="fp:chosen-reading(.)"/>
    <xsl:variable name="readings" select="*"/>
    <xsl:variable name="others" select="$readings except $shown"/>
    <xsl:variable name="description" select="string-join($others ! (fp:reading-label(.) || ': ' || fp:plain(.)), '; ')"/>
    <xsl:element name="{if ($shown/self::tei:abbr) then 'abbr' else 'span'}">
      <xsl:attribute name="class" select="'choice', local-name($shown)"/>
      <xsl:if test="$output = 'html' and $description != ''">
        <xsl:attribute name="title" select="$description"/>
      </xsl:if>
      <xsl:call-template name="tp:lang"/>
      <xsl:apply-templates select="$shown/node()" mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- A reading outside a choice: marked as what it is, its kind in the hover text. -->
  <xsl:template match="tei:expan | tei:orig | tei:reg | tei:sic | tei:corr" mode="m:text">
    <span class="{local-name()}">
      <xsl:if test="$output = 'html'">
        <xsl:attribute name="title" select="fp:reading-label(.)"/>
      </xsl:if>
      <xsl:call-template name="tp:lang"/>
      <xsl:apply-templates mode="m:text"/>
    </span>
    <xsl:if test="self::tei:sic and $output = 'print'"><span class="edit-note"> [sic]</span></xsl:if>
  </xsl:template>

  <!-- The expanded letters of an abbreviation and its marks, as in a diplomatic text. -->
  <xsl:template match="tei:ex | tei:am" mode="m:text">
    <span class="{local-name()}"><xsl:apply-templates mode="m:text"/></span>
  </xsl:template>

  <xsl:function name="fp:reading-label" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="known" select="('abbr', 'expan', 'orig', 'reg', 'sic', 'corr', 'seg', 'unclear', 'add', 'del')"/>
    <xsl:sequence select="f:label('reading-' || (local-name($reading)[. = $known], 'other')[1])"/>
  </xsl:function>

  <!-- The text of an element as one line, readings chosen and notes left out: for hover
       text and descriptions. -->
  <xsl:function name="fp:plain" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="text" as="xs:string*">
      <xsl:apply-templates select="$element/node()" mode="mp:plain"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($text))"/>
  </xsl:function>

  <xsl:mode name="mp:plain" on-no-match="text-only-copy"/>
  <xsl:template match="tei:note | tei:figDesc | tei:desc | tei:lb[@break = 'no']" mode="mp:plain"/>
  <xsl:template match="tei:lb" mode="mp:plain"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="tei:choice" mode="mp:plain">
    <xsl:apply-templates select="fp:chosen-reading(.)/node()" mode="mp:plain"/>
  </xsl:template>

  <!-- The reading of a choice the editors prefer; the first when none is preferred. -->
  <xsl:function name="fp:chosen-reading" as="element()?">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="((for $name in $v:choice return $choice/*[local-name() = $name]), $choice/*)[1]"/>
  </xsl:function>

  <xsl:template match="tei:hi[@rend = ('italic', 'i')] | tei:emph" mode="m:text">
    <em><xsl:apply-templates mode="m:text"/></em>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = ('bold', 'b')]" mode="m:text">
    <strong><xsl:apply-templates mode="m:text"/></strong>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = ('superscript', 'sup')]" mode="m:text">
    <sup><xsl:apply-templates mode="m:text"/></sup>
  </xsl:template>

  <xsl:template match="tei:hi" mode="m:text">
    <span class="hi {@rend}"><xsl:apply-templates mode="m:text"/></span>
  </xsl:template>

  <!-- A quotation of paragraphs or verse, standing between paragraphs, is a block. -->
  <xsl:template match="tei:quote[fp:holds-blocks(.) and not(fp:in-phrasing(.))]" mode="m:text">
    <blockquote class="quote">
      <xsl:call-template name="tp:quote-source"/>
      <xsl:call-template name="tp:lang"/>
      <xsl:apply-templates mode="m:text"/>
    </blockquote>
  </xsl:template>

  <xsl:template match="tei:quote | tei:q" mode="m:text">
    <q>
      <xsl:call-template name="tp:quote-source"/>
      <xsl:call-template name="tp:lang"/>
      <xsl:apply-templates mode="m:text"/>
    </q>
  </xsl:template>

  <!-- The source of a quotation, as the cite attribute when it is a web address. -->
  <xsl:template name="tp:quote-source">
    <xsl:variable name="source" select="f:resolve(tokenize(@source)[1], .)"/>
    <xsl:variable name="url" select="($source//tei:ref/@target[f:is-external(.)])[1]"/>
    <xsl:if test="$url">
      <xsl:attribute name="cite" select="$url"/>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Links, gaps and notes                                     -->
  <!-- ======================================================= -->

  <!-- A pointer. To a note of its own text (<ptr target="#n1"/>, <ref target="#n1">1</ref>):
       the note's call, as for a note written in place, and the note is shown once, at the
       first pointer outside notes (fp:carrier); elsewhere its number. To anything else: its
       text, a link on the web; in print a reference to the page or document, as a link
       there would lead nowhere. An empty pointer that resolves to nothing shows nothing. -->
  <xsl:template match="tei:ref | tei:ptr" mode="m:text">
    <xsl:param name="in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="single-document" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="note" select="fp:pointed-note(.)"/>
    <xsl:variable name="target" select="tokenize(@target)[1]"/>
    <xsl:variable name="content" as="node()*">
      <xsl:apply-templates mode="m:text">
        <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$note">
        <xsl:if test="not(fp:is-note-marker(., $note))">
          <xsl:apply-templates mode="m:text"/>
        </xsl:if>
        <xsl:choose>
          <xsl:when test=". is fp:carrier($note)">
            <xsl:apply-templates select="$note" mode="mp:note-call"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="number" select="f:note-number($note)"/>
            <sup class="note-ref">
              <xsl:choose>
                <xsl:when test="$output = 'html' and not($in-link)">
                  <a href="#note-{$number}" aria-label="{f:label('note', $number)}"><xsl:value-of select="$number"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$number"/></xsl:otherwise>
              </xsl:choose>
            </sup>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="resolved" select="(f:resolve($target, .), fp:target-document($target, .))[1]"/>
        <xsl:variable name="href" select="(fp:pointer-href($target, $resolved), f:href($target, .))[1]"/>
        <xsl:variable name="other" select="f:cited-document(.)"/>
        <!-- A note of another text, by its number in that text ("no. 6, n. 3"). -->
        <xsl:variable name="other-note" select="$resolved[$other][self::tei:note][ancestor::tei:text]"/>
        <xsl:variable name="label" as="item()*" select="
            if (exists($content)) then $content
            else if ($resolved/self::tei:TEI) then f:document-label($resolved)
            else if ($other-note) then f:label('cross-reference-note', (f:document-label($other), f:note-number($other-note)))
            else if ($resolved) then f:link-label($target, .)
            else if (f:is-external($target)) then $target
            else ()"/>
        <xsl:variable name="linked" select="$output = 'print' and $other/@xml:id and not($single-document)"/>
        <xsl:choose>
          <xsl:when test="empty($label)"/>
          <xsl:when test="$href and $output = 'html' and not($in-link)">
            <a href="{$href}"><xsl:sequence select="$label"/></a>
          </xsl:when>
          <!-- In the book, a reference to a whole document links to its section, and
               print.css gives its page after the words ("no. 6, p. 23"); one to a note of
               it, to the note ("no. 6, n. 3, p. 24"). The id is where the index of
               documents cited (book.xsl) finds the page of the citation. -->
          <xsl:when test="$linked and $resolved is $other">
            <a class="document-ref" id="{f:citation-id(.)}" href="#{$other/@xml:id}"><xsl:sequence select="$label"/></a>
          </xsl:when>
          <xsl:when test="$linked and $other-note and empty($content)">
            <a class="note-xref" id="{f:citation-id(.)}" href="#{f:footnote-id($other-note)}"><xsl:sequence select="$label"/></a>
          </xsl:when>
          <xsl:when test="$output = 'print' and $other and exists($content)">
            <xsl:sequence select="$label"/>
            <xsl:choose>
              <xsl:when test="not($linked)">
                <span class="doc-ref"> [see <cite><xsl:value-of select="f:short-title($other)"/></cite>]</span>
              </xsl:when>
              <xsl:otherwise>
                <a class="doc-ref" id="{f:citation-id(.)}" href="#{$other/@xml:id}"></a>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="$label"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text of the edition (a document, a front part) another text's pointer leads
       into: the document cited, whole or in part (a note, a paragraph). None for a
       pointer within its own text, or to a register or the web. -->
  <xsl:function name="f:cited-document" as="element(tei:TEI)?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="target" select="tokenize($pointer/@target)[1]"/>
    <xsl:sequence select="(f:resolve($target, $pointer), fp:target-document($target, $pointer))[1]
        ! f:document-of(.)[not(. is f:document-of($pointer))]
        [parent::document-node()][map:contains($vp:text-roots, generate-id(root(.)))]"/>
  </xsl:function>

  <!-- The print anchor of a pointer to another text ("{doc}-c{n}", n counting the
       pointers of its file). -->
  <xsl:function name="f:citation-id" as="xs:string">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="doc" select="f:document-of($pointer)"/>
    <xsl:variable name="number" as="xs:string"><xsl:number select="$pointer" level="any" count="tei:ref | tei:ptr" from="tei:TEI"/></xsl:variable>
    <xsl:sequence select="($doc/@xml:id, 'file')[1] || '-c' || $number"/>
  </xsl:function>

  <!-- The print anchor of a footnote ("{doc}-note-{n}"), which a cross-reference from
       another text links to and takes its page from. -->
  <xsl:function name="f:footnote-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(f:document-of($note)/@xml:id, 'file')[1] || '-note-' || f:note-number($note)"/>
  </xsl:function>

  <!-- A pointer's text that only restates the note's mark ("1", "[a]", "*"): the call
       replaces it. Other text is kept before the call. -->
  <xsl:function name="fp:is-note-marker" as="xs:boolean">
    <xsl:param name="pointer" as="element()"/>
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="text" select="normalize-space($pointer)"/>
    <xsl:sequence select="$text = ('', string($note/@n), string(f:note-number($note)))
        or matches($text, '^[\[(]?([0-9]{1,4}|[a-z]|[*†‡§]+)[\].)]?$')"/>
  </xsl:function>

  <!-- The corpus file a pointer names as a whole ("letter.xml", "../documents/a.xml"). -->
  <xsl:function name="fp:target-document" as="element(tei:TEI)?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="file" select="tokenize(($target, '')[1], '#')[1]"/>
    <xsl:sequence select="if (ends-with($file, '.xml') and f:is-safe-url($target) and not(f:is-external($target)))
        then (fp:file($file, $context)/descendant-or-self::tei:TEI)[1]
        else ()"/>
  </xsl:function>

  <!-- Where a pointer leads when f:href does not know: a whole document, a note. -->
  <xsl:function name="fp:pointer-href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="resolved" as="element()?"/>
    <xsl:sequence select="
        if (empty($resolved) or not(f:is-safe-url($target)) or f:is-external($target)) then ()
        else if ($resolved/self::tei:TEI) then f:page-of($resolved)
        else if ($resolved/self::tei:note[ancestor::tei:text]) then f:page-of($resolved) || '#note-' || f:note-number($resolved)
        else ()"/>
  </xsl:function>

  <!-- A note in a text: a numbered call here, the note itself in the notes section (web)
       or at the foot of the page (print). A note a pointer shows (fp:carrier) is called
       there, not here. In print a note of a division of notes or of back that nothing
       points to is set where it stands, as a numbered block: one line of footnote calls
       with a page of footnotes each is slow to lay out, and reads as nothing. -->
  <xsl:template match="tei:text//tei:note" mode="m:text">
    <xsl:param name="in-note" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="exists(fp:carrier(.))"/>
      <xsl:when test="$output = 'print' and not($in-note) and parent::*[local-name() = $vp:note-containers]
          [ancestor-or-self::tei:back or empty(* except (tei:note, tei:head))]">
        <div class="endnote" data-note="{f:note-number(.)}">
          <span class="note-number"><xsl:value-of select="f:note-number(.)"/>. </span>
          <xsl:apply-templates select="." mode="m:note-body"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="." mode="mp:note-call"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a note stands between blocks, not within a line of text. -->
  <xsl:variable name="vp:note-containers" as="xs:string*" select="('body', 'front', 'back',
      'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'group', 'text', 'listBibl')"/>

  <!-- The call of a note. In print, the footnote itself, its body one run of text with
       its white space collapsed: WeasyPrint's footnote layout fails on a line break in a
       footnote's white space (AssertionError "Got ' \n' between two lines") and on a
       footnote within a footnote (RecursionError), so a note within a note is set in
       brackets in its note's text. Print numbers are the web's (data-note, print.css). -->
  <xsl:template match="tei:note" mode="mp:note-call">
    <xsl:param name="in-note" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="number" select="f:note-number(.)"/>
    <xsl:choose>
      <xsl:when test="$output = 'print' and $in-note">
        <span class="inline-note">[<xsl:value-of select="$number"/>. <xsl:apply-templates select="." mode="m:note-body"/>]</span>
      </xsl:when>
      <xsl:when test="$output = 'print'">
        <!-- Two calls side by side would read as one number ("5" and "6" as 56): a
             separator, set as a call, stands between a call and the note's just before. -->
        <xsl:if test="preceding-sibling::node()[not(self::text()[normalize-space() = ''])][1]
            [self::tei:note[empty(fp:carrier(.))]]">
          <span class="note-call-separator">,</span>
        </xsl:if>
        <span class="footnote" id="{f:footnote-id(.)}" data-note="{$number}"><xsl:apply-templates select="." mode="m:note-body"/></span>
      </xsl:when>
      <xsl:otherwise>
        <sup class="note-call"><a id="note-call-{$number}" href="#note-{$number}" aria-label="{f:label('note', $number)}"><xsl:value-of select="$number"/></a></sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A note's body (tei:note) as one run of text, the type label first. -->
  <xsl:mode name="m:note-body"/>

  <!-- The content of a note inside its body: paragraphs become runs of text, every other
       node is rendered in mode m:text. -->
  <xsl:mode name="m:inline-note"/>

  <!-- A note's body, one run of text (mode mp:inline): the web shows it in a list item or a
       paragraph, print in a footnote. -->
  <xsl:template match="tei:note" mode="m:note-body">
    <xsl:variable name="text" as="node()*">
      <xsl:apply-templates mode="m:inline-note">
        <xsl:with-param name="in-note" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <!-- The body is shown away from where the note stands (the notes section, a footnote,
         a row of the record), so it carries the language in force on the note when that is
         not the edition's, or the note's own; the type label is in the edition's. -->
    <xsl:variable name="lang" select="string((ancestor-or-self::*/@xml:lang)[last()])"/>
    <xsl:variable name="body" as="node()*">
      <xsl:if test="@type">
        <span class="note-type"><xsl:value-of select="f:note-type-label(@type)"/>. </span>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$lang != '' and (@xml:lang or $lang != $v:edition/@language)">
          <span lang="{$lang}"><xsl:sequence select="$text"/></span>
        </xsl:when>
        <xsl:otherwise><xsl:sequence select="$text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:apply-templates select="$body" mode="mp:inline"/>
  </xsl:template>

  <!-- Inside a note, paragraphs become runs of text so the note stays one block. -->
  <xsl:template match="tei:p" mode="m:inline-note">
    <span class="note-p"><xsl:apply-templates mode="m:text"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="node()" mode="m:inline-note">
    <xsl:apply-templates select="." mode="m:text"/>
  </xsl:template>

  <!-- A note's body as one run of text: blocks (lists, tables, quotations) become spans
       followed by a space, white space is collapsed, no footnote is left inside. -->
  <xsl:mode name="mp:inline" on-no-match="shallow-copy"/>

  <xsl:template match="text()" mode="mp:inline">
    <xsl:value-of select="replace(., '\s+', ' ')"/>
  </xsl:template>

  <xsl:template match="*[local-name() = $vp:html-blocks]" mode="mp:inline">
    <span class="{string-join((local-name(), @class), ' ')}">
      <xsl:copy-of select="@id | @lang"/>
      <xsl:apply-templates mode="mp:inline"/>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="*[tokenize(@class) = 'footnote']" mode="mp:inline">
    <span class="inline-note">[<xsl:apply-templates mode="mp:inline"/>]</span>
  </xsl:template>

  <xsl:variable name="vp:html-blocks" as="xs:string*" select="('div', 'p', 'ul', 'ol', 'li', 'dl',
      'dt', 'dd', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'blockquote',
      'figure', 'figcaption', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'pre',
      'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'address')"/>

  <!-- A note type in words: the label note-{type} for the edition's own types, any other
       value as written. -->
  <xsl:function name="f:note-type-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="(f:value-label('note', $type), $type)[1]"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The source's state: edits, losses, blanks and marks       -->
  <!-- ======================================================= -->

  <!-- Deletions are struck through, additions marked ⸌so⸍ (raised when above the line),
       unclear and damaged text underlined, supplied text in [ ]. What the editors recorded
       about each (where, in which hand, why) is the hover text on the web and a small
       bracketed note in print, so the printed page says it too. -->
  <xsl:template match="tei:del | tei:add | tei:unclear | tei:supplied | tei:damage
      | tei:restore | tei:surplus | tei:secl" mode="m:text">
    <xsl:variable name="details" select="fp:edit-details(.)"/>
    <xsl:element name="{if (self::tei:del) then 'del' else if (self::tei:add) then 'ins' else 'span'}">
      <xsl:attribute name="class" select="local-name(), @place ! tokenize(.) ! ('place-' || .)"/>
      <xsl:if test="$output = 'html'">
        <xsl:attribute name="title" select="string-join((fp:edit-label(.), $details), '; ')"/>
      </xsl:if>
      <xsl:call-template name="tp:lang"/>
      <xsl:if test="self::tei:supplied">[</xsl:if>
      <xsl:if test="self::tei:surplus or self::tei:secl">{</xsl:if>
      <xsl:apply-templates mode="m:text"/>
      <xsl:if test="not(node())">[<xsl:value-of select="fp:edit-label(., 'inline')"/>]</xsl:if>
      <xsl:if test="self::tei:surplus or self::tei:secl">}</xsl:if>
      <xsl:if test="self::tei:supplied">]</xsl:if>
    </xsl:element>
    <xsl:if test="$output = 'print' and exists($details)">
      <xsl:call-template name="tp:edit-note">
        <xsl:with-param name="text" select="string-join((fp:edit-label(., 'inline'), $details), '; ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:subst | tei:mod" mode="m:text">
    <span class="{local-name()}"><xsl:apply-templates mode="m:text"/></span>
  </xsl:template>

  <!-- A change of hand, where the source has one: said in both editions. -->
  <xsl:template match="tei:handShift" mode="m:text">
    <xsl:call-template name="tp:edit-note">
      <xsl:with-param name="text" select="string-join((f:label('edit-hand-shift'), fp:edit-details(.)), '; ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A gap says what is missing: how much, why, and the editors' description. -->
  <xsl:template match="tei:gap" mode="m:text">
    <xsl:choose>
      <xsl:when test="@reason = 'archive-omission'">
        <span class="gap archive-omission" title="{f:label('gap-archive-omission')}">[…]</span>
      </xsl:when>
      <xsl:when test="@reason = 'not-seen'">
        <span class="gap not-seen">[<xsl:value-of select="f:label('gap-not-seen')"/>]</span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="what" select="string-join((fp:extent(.), @reason ! translate(., '-_', '  '),
            @agent ! f:label('edit-cause', string(.)), tei:desc ! normalize-space(.)), ', ')"/>
        <span class="gap">[<xsl:value-of select="f:label('gap')"/><xsl:value-of select="$what[. != ''] ! (': ' || .)"/>]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A blank left in the source: a visible blank, its size in words. -->
  <xsl:template match="tei:space" mode="m:text">
    <xsl:variable name="extent" select="fp:extent(.)"/>
    <xsl:variable name="width" select="if (@quantity castable as xs:double)
        then max((1, min((8, xs:integer(ceiling(xs:double(@quantity)
            * (if (starts-with(@unit, 'char')) then 0.5 else 2)))))))
        else 2"/>
    <span class="space" role="img" aria-label="{string-join((f:label('space'), $extent), ': ')}">
      <xsl:if test="$output = 'html'">
        <xsl:attribute name="title" select="string-join((f:label('space-title'), $extent), ': ')"/>
      </xsl:if>
      <xsl:value-of select="string-join((1 to $width) ! '&#x2003;')"/>
    </span>
    <xsl:if test="$output = 'print' and $extent">
      <xsl:call-template name="tp:edit-note">
        <xsl:with-param name="text" select="f:label('space') || ': ' || $extent"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A mark in the source (an insertion sign, a cross in the margin): its own text if it
       has one, and what the editors say it is, in both editions. -->
  <xsl:template match="tei:metamark" mode="m:text">
    <xsl:variable name="description" select="string-join((@function ! translate(., '-_', '  '),
        tei:desc ! normalize-space(.)), '; ')"/>
    <span class="metamark">
      <xsl:if test="$output = 'html'">
        <xsl:attribute name="title" select="string-join((f:label('metamark-title'), $description[. != '']), ': ')"/>
      </xsl:if>
      <xsl:apply-templates select="node() except tei:desc" mode="m:text"/>
    </span>
    <xsl:if test="tei:desc or normalize-space(string-join(text())) = '' or ($output = 'print' and @function)">
      <xsl:call-template name="tp:edit-note">
        <xsl:with-param name="text" select="string-join((f:label('metamark'), $description[. != '']), ': ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tp:edit-note">
    <xsl:param name="text" as="xs:string"/>
    <span class="edit-note">[<xsl:value-of select="$text"/>]</span>
  </xsl:template>

  <!-- What an edit is (del, add, unclear, supplied, damage, restore, surplus, secl):
       starting a hover text, or, with 'inline', within a line. -->
  <xsl:function name="fp:edit-label" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="fp:edit-label($element, ())"/>
  </xsl:function>

  <xsl:function name="fp:edit-label" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="form" as="xs:string?"/>
    <xsl:sequence select="f:label(string-join(('edit', local-name($element), $form), '-'))"/>
  </xsl:function>

  <!-- Where, in which hand, why and how surely: what the encoding says about an edit. -->
  <xsl:function name="fp:edit-details" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/@place ! string-join(tokenize(.) ! fp:place-label(.), ', ')"/>
    <xsl:sequence select="$element/(@hand, @new)[1] ! f:label('edit-hand', fp:hand-label(., $element))"/>
    <xsl:sequence select="$element/@reason ! f:label('edit-reason', translate(., '-_', '  '))"/>
    <xsl:sequence select="$element/@agent ! f:label('edit-cause', translate(., '-_', '  '))"/>
    <xsl:sequence select="$element/@cert ! f:label('edit-certainty', string(.))"/>
  </xsl:function>

  <xsl:function name="fp:place-label" as="xs:string">
    <xsl:param name="place" as="xs:string"/>
    <!-- A place has the label place-{value}; these values are other words for one of them. -->
    <xsl:variable name="synonyms" select="map {
        'above': 'above-line', 'supralinear': 'above-line', 'below': 'below-line',
        'infralinear': 'below-line', 'left': 'margin-left', 'right': 'margin-right' }"/>
    <xsl:sequence select="(f:value-label('place', ($synonyms($place), $place)[1]), translate($place, '-_', '  '))[1]"/>
  </xsl:function>

  <!-- A hand named by a pointer to its handNote: the scribe, else the note's words. -->
  <xsl:function name="fp:hand-label" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="element()"/>
    <xsl:variable name="note" select="f:resolve(tokenize($pointer)[1], $context)"/>
    <xsl:sequence select="($note/@scribe, $note[normalize-space(.) != ''] ! normalize-space(.),
        replace($pointer, '^#', ''))[1]"/>
  </xsl:function>

  <!-- How much: @quantity with @unit, or @extent, as words ("2 words"). -->
  <xsl:function name="fp:extent" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="unit" select="replace(string($element/@unit), '^(char|character|word|line|page|leaf|letter)s?$', '$1')"/>
    <xsl:variable name="unit" select="if ($unit = 'char') then 'character' else $unit"/>
    <xsl:variable name="plural" select="not($element/@quantity = '1')"/>
    <xsl:variable name="key" select="if (not($unit = ('character', 'word', 'line', 'page', 'leaf', 'letter'))) then ()
        else if (not($plural)) then $unit else if ($unit = 'leaf') then 'leaves' else $unit || 's'"/>
    <xsl:sequence select="if ($element/@quantity and exists($key)) then f:label('extent-' || $key, normalize-space($element/@quantity))
        else if ($element/@quantity) then normalize-space($element/@quantity || ' ' || $unit)
        else $element/@extent ! normalize-space(.)"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Bibliographic references                                  -->
  <!-- ======================================================= -->

  <!-- A bibliographic reference (tei:bibl, tei:biblStruct) as a formatted citation, in the
       form of a bibliography entry (Chicago): the first author surname first, so that the
       list reads in the order it is sorted in (f:bibl-sort-key), the others as written. -->
  <xsl:mode name="m:bibl"/>

  <xsl:template match="tei:bibl | tei:biblStruct" mode="m:bibl">
    <xsl:variable name="authors" select="tei:author"/>
    <xsl:for-each select="$authors">
      <xsl:if test="position() > 1 and position() &lt; last()">, </xsl:if>
      <xsl:if test="position() > 1 and position() = last()">
        <xsl:value-of select="(if (last() > 2 or fp:inverted-name($authors[1]) != normalize-space($authors[1])) then ', ' else ' ')
            || f:label('bibl-and') || ' '"/>
      </xsl:if>
      <xsl:value-of select="if (position() = 1) then fp:inverted-name(.) else normalize-space(.)"/>
    </xsl:for-each>
    <xsl:if test="exists($authors)">
      <xsl:text>. </xsl:text>
    </xsl:if>
    <xsl:for-each select="tei:title">
      <xsl:choose>
        <xsl:when test="@level = ('a', 'u')">“<xsl:apply-templates mode="m:text"/>.” </xsl:when>
        <xsl:otherwise><cite><xsl:apply-templates mode="m:text"/></cite>. </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:for-each select="tei:editor"><xsl:value-of select="f:label('edited-by', normalize-space(.))"/>. </xsl:for-each>
    <xsl:for-each select="tei:biblScope">
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:value-of select="string-join((tei:pubPlace, tei:publisher, tei:orgName) ! normalize-space(.), ': ')"/>
    <xsl:if test="tei:pubPlace or tei:publisher or tei:orgName">
      <xsl:text>, </xsl:text>
    </xsl:if>
    <!-- A date in the edition's style ("9 May 1963"), not the source's ("May 9, 1963"). -->
    <xsl:for-each select="tei:date">
      <xsl:value-of select="if (@when) then f:format-date(.) else normalize-space(.)"/>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:idno">
      <xsl:value-of select="normalize-space(.)"/>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:ref[f:is-safe-url(@target)] | tei:ptr[f:is-safe-url(@target)]">
      <xsl:apply-templates select="." mode="m:text"/>
      <xsl:text>. </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="tei:note">
      <span class="bibl-note"><xsl:apply-templates mode="m:text"/></span>
      <xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:if test="not(*)">
      <xsl:apply-templates mode="m:text"/>
    </xsl:if>
  </xsl:template>

  <!-- A name surname first ("Hong, Liye" for <forename>Liye</forename> <surname>Hong</surname>),
       when it is encoded in parts with the surname after the rest; as written otherwise:
       a name whose surname comes first already ("Niu Jun"), a corporate author, a name
       without parts. -->
  <xsl:function name="fp:inverted-name" as="xs:string">
    <xsl:param name="author" as="element()"/>
    <xsl:variable name="name" select="($author/tei:persName, $author)[1]"/>
    <xsl:variable name="surname" select="$name/tei:surname[1]"/>
    <xsl:variable name="rest" select="$name/* except $surname"/>
    <xsl:sequence select="if ($surname and $rest and $rest[1] &lt;&lt; $surname)
        then normalize-space($surname) || ', ' || string-join($rest ! normalize-space(.), ' ')
        else normalize-space($author)"/>
  </xsl:function>

  <!-- What a bibliography is sorted by: the first author's surname and forename (or the
       author's sort key, or the name as written), else the first editor's, else the title
       without its leading article ("Zeit, Die" under Z); lower case, so that case does not
       decide. -->
  <xsl:function name="f:bibl-sort-key" as="xs:string">
    <xsl:param name="bibl" as="element()"/>
    <xsl:variable name="person" select="($bibl/tei:author, $bibl/tei:editor)[1]"/>
    <xsl:variable name="name" select="($person/tei:persName, $person)[1]"/>
    <xsl:variable name="parts" select="$name/tei:surname, $name/(* except tei:surname)"/>
    <xsl:variable name="key" select="if (exists($parts)) then string-join($parts ! normalize-space(.), ' ')
        else ($person/@sortKey, $person, $bibl/tei:title[1] ! replace(., '^\s*(the|an?|die|der|das)\s+', '', 'i'))[1]"/>
    <xsl:sequence select="lower-case(normalize-space($key))"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Generic rendering of anything else                        -->
  <!-- ======================================================= -->

  <xsl:template match="*" mode="m:text">
    <xsl:variable name="block" select="(local-name() = $vp:block-names
        or exists(*[local-name() = $vp:block-names])) and not(fp:in-phrasing(.))"/>
    <xsl:element name="{if ($block) then 'div' else 'span'}">
      <!-- tei-generic marks what no specific rule handles: `cables build` counts these. -->
      <xsl:attribute name="class" select="'tei-' || local-name(), 'tei-generic'"/>
      <xsl:call-template name="tp:lang"/>
      <xsl:apply-templates mode="m:text"/>
    </xsl:element>
  </xsl:template>

  <!-- The header, facsimiles and stand-off data are not running text. -->
  <xsl:template match="tei:teiHeader | tei:facsimile | tei:standOff | tei:fw" mode="m:text"/>

  <!-- Spaces around a break inside a word (@break="no") are the encoding's, not the text's:
       dropped, so that no space splits the word. -->
  <xsl:template match="text()" mode="m:text">
    <xsl:variable name="text" select="if (following-sibling::node()[1][fp:joins-word(.)])
        then replace(., '\s+$', '') else string(.)"/>
    <xsl:value-of select="if (preceding-sibling::node()[1][fp:joins-word(.)])
        then replace($text, '^\s+', '') else $text"/>
  </xsl:template>

  <xsl:function name="fp:joins-word" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node[self::tei:lb or self::tei:pb or self::tei:cb][@break = 'no'])"/>
  </xsl:function>

  <xsl:template match="comment() | processing-instruction()" mode="m:text"/>

  <!-- ======================================================= -->
  <!-- Helpers                                                   -->
  <!-- ======================================================= -->

  <!-- Elements whose rendering allows only phrasing content inside it (HTML p, q, a, span
       and the like): a block of TEI within one becomes a span, so that the page stays valid
       HTML and print layout keeps it inside its paragraph. -->
  <xsl:variable name="vp:phrasing-names" as="xs:string*" select="('p', 'ab', 'l', 'head', 'note',
      'label', 'hi', 'emph', 'q', 'seg', 'title', 'foreign', 'term', 'ref', 'ptr', 'del', 'add',
      'unclear', 'supplied', 'damage', 'choice', 'persName', 'placeName', 'orgName', 'rs', 'name',
      'date', 'dateline', 'salute', 'signed', 'byline', 'titlePart', 'docAuthor', 'docDate',
      'docImprint', 'docEdition', 'addrLine', 'trailer', 'stage', 'speaker', 'role', 'roleDesc',
      'actor')"/>

  <xsl:function name="fp:in-phrasing" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/ancestor::*[local-name() = $vp:phrasing-names
        or self::tei:quote[not(fp:holds-blocks(.))]])"/>
  </xsl:function>

  <!-- div where a block may stand, span where only phrasing may. -->
  <xsl:function name="fp:block-element" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if (fp:in-phrasing($element)) then 'span' else 'div'"/>
  </xsl:function>

  <xsl:function name="fp:holds-blocks" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element/(tei:p | tei:ab | tei:lg | tei:l | tei:sp | tei:list
        | tei:table | tei:div | tei:cit | tei:figure | tei:castList))"/>
  </xsl:function>

  <xsl:template name="tp:lang">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tp:common-attributes">
    <xsl:if test="@xml:id">
      <xsl:attribute name="id" select="@xml:id"/>
    </xsl:if>
    <xsl:call-template name="tp:lang"/>
  </xsl:template>

  <!-- Stable anchors: paragraphs and mentions are numbered in document order. The anchor
       of the numbered paragraph a block stands in (f:paragraph-of): "p4" on the web, where
       each page shows one file; in print, where the book holds every file, prefixed by the
       file's id ("doc-1963-04-18-recent-situation-p4"), so that no anchor repeats. "" for
       a block in no numbered paragraph (a note's own paragraph outside the text's). -->
  <xsl:function name="f:paragraph-id" as="xs:string">
    <xsl:param name="p" as="element()"/>
    <xsl:variable name="paragraph" select="f:paragraph-of($p)"/>
    <xsl:variable name="prefix" select="if ($output = 'print')
        then (f:document-of($p)/@xml:id, f:stem(f:document-of($p)))[1] || '-' else ''"/>
    <xsl:sequence select="string($paragraph ! ($prefix || 'p' || f:paragraph-number(.)))"/>
  </xsl:function>

  <!-- The id of the anchor of a name in its document's text ("{doc}-m{n}"), which the
       index entries link back to. -->
  <xsl:function name="f:mention-id" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="doc" select="f:document-of($name)"/>
    <xsl:sequence select="($doc/@xml:id, 'file')[1] || '-m' || $name ! accumulator-before('fp:mentions')"/>
  </xsl:function>

  <!-- Where a pointer leads in the site: an index entry, a document, a note, a URL. -->
  <xsl:function name="f:href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="context" as="node()?"/>
    <xsl:variable name="resolved" select="f:resolve($target, $context)"/>
    <xsl:variable name="index" select="f:index-of($resolved)"/>
    <xsl:sequence select="
        if (empty($target) or not(f:is-safe-url($target))) then ()
        else if (f:is-external($target)) then $target
        else if ($index) then f:entry-href($resolved, $output)
        else if ($resolved) then f:page-of($resolved) || (if ($resolved/self::tei:TEI) then '' else '#' || $resolved/@xml:id)
        else ()"/>
  </xsl:function>

  <!-- The words of a link to a pointer's target: a document's number ("no. 6"), an entry's
       name, else the pointer as written. -->
  <xsl:function name="f:link-label" as="xs:string">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:param name="context" as="node()?"/>
    <xsl:variable name="resolved" select="f:resolve($target, $context)"/>
    <xsl:sequence select="if ($resolved/self::tei:TEI) then f:document-label($resolved)
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
