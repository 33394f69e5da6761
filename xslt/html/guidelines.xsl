<?xml version="1.0" encoding="UTF-8"?>
<!--
  guidelines.xsl: the encoding guidelines page of the web edition (encoding.html), generated
  from the edition's TEI customisation, schema/cables.odd. Included by site.xsl, which provides
  the page shell (tp:page).

  The ODD's prose divisions are rendered with the shared mode m:text; the formal part (the
  division holding schemaSpec) becomes an element reference: the attributes allowed on every
  element, then one article per elementSpec in alphabetical order, with its remarks, its
  attributes and closed value lists, and its example shown as XML source. The few elements
  that only documentation of TEI uses (gi, att, val, tag, ident, code, egXML, and pointers
  inside the ODD) get m:text rules here, limited to nodes of the ODD so that the rendering
  of the corpus is unchanged. Names about the ODD say so (vp:odd, fp:odd-node...).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:m="urn:cables:modes"
    xmlns:mp="urn:cables:modes:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The ODD, when the edition has one: the manifest lists it as c:file[@kind = 'odd']. -->
  <xsl:variable name="vp:odd" as="document-node()?"
      select="($manifest/c:manifest/c:file[@kind = 'odd'])[1]/@href ! doc(.)"/>

  <!-- The division that holds the formal specification, and the specification itself. -->
  <xsl:variable name="vp:odd-formal" as="element(tei:div)?"
      select="($vp:odd/tei:TEI/tei:text/tei:body/tei:div[.//tei:schemaSpec])[1]"/>
  <xsl:variable name="vp:odd-schema" as="element(tei:schemaSpec)?" select="($vp:odd//tei:schemaSpec)[1]"/>

  <xsl:variable name="vp:odd-elements" as="element(tei:elementSpec)*">
    <xsl:perform-sort select="$vp:odd-schema/tei:elementSpec">
      <xsl:sort select="lower-case(@ident)"/>
      <xsl:sort select="@ident"/>
    </xsl:perform-sort>
  </xsl:variable>

  <!-- Whether a node belongs to the ODD (the m:text rules below apply only there). -->
  <xsl:function name="fp:odd-node" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($vp:odd) and root($node) is $vp:odd"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The page                                                  -->
  <!-- ======================================================= -->

  <xsl:template name="tp:guidelines-page">
    <xsl:variable name="prose" select="$vp:odd/tei:TEI/tei:text/tei:body/tei:div except $vp:odd-formal"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="file" select="f:site-page('guidelines')"/>
      <xsl:with-param name="title" select="f:label('encoding-guidelines')"/>
      <xsl:with-param name="description" select="f:label('guidelines-description', string($v:edition/@title))"/>
      <xsl:with-param name="content">
        <article class="guidelines">
          <h1>{f:label('encoding-guidelines')}</h1>
          <xsl:choose>
            <xsl:when test="empty($vp:odd)">
              <p>{f:label('guidelines-no-odd')}</p>
            </xsl:when>
            <xsl:otherwise>
              <p class="guidelines-source"><xsl:variable name="parts" as="element()+">
                  <cite>{normalize-space(($vp:odd/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1])}</cite>
                  <code>schema/cables.odd</code>
                  <code>cables check</code>
                </xsl:variable>
                <xsl:sequence select="f:label-nodes('guidelines-source', $parts)"/></p>
              <nav class="guidelines-contents" aria-labelledby="guidelines-contents-heading">
                <h2 id="guidelines-contents-heading">{f:label('contents')}</h2>
                <ul>
                  <xsl:for-each select="$prose | $vp:odd-formal">
                    <li><a href="#{fp:odd-section-id(.)}">{normalize-space(tei:head)}</a></li>
                  </xsl:for-each>
                </ul>
              </nav>
              <xsl:for-each select="$prose">
                <xsl:apply-templates select="." mode="m:text">
                  <xsl:with-param name="heading-level" select="2" tunnel="yes"/>
                </xsl:apply-templates>
              </xsl:for-each>
              <xsl:if test="$vp:odd-schema">
                <xsl:call-template name="tp:odd-reference"/>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The id a division has on the page: its own, or one made from its position. -->
  <xsl:function name="fp:odd-section-id" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="string(($div/@xml:id, 'section-' || count($div/preceding-sibling::tei:div) + 1)[1])"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The element reference                                     -->
  <!-- ======================================================= -->

  <xsl:template name="tp:odd-reference">
    <xsl:variable name="div" select="$vp:odd-formal"/>
    <xsl:variable name="id" select="if ($div) then fp:odd-section-id($div) else 'formal'"/>
    <section class="element-reference" id="{$id}" aria-labelledby="{$id}-heading">
      <h2 id="{$id}-heading">{(normalize-space($div/tei:head), f:label('guidelines-element-reference'))[1]}</h2>
      <xsl:apply-templates select="$div/node()[not(self::tei:head or .//tei:schemaSpec or self::tei:schemaSpec)]" mode="m:text">
        <xsl:with-param name="heading-level" select="3" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:call-template name="tp:odd-global-attributes"/>
      <nav class="element-index" aria-labelledby="element-index-heading">
        <h3 id="element-index-heading">{f:label('guidelines-element-count', count($vp:odd-elements))}</h3>
        <ul>
          <xsl:for-each select="$vp:odd-elements">
            <li><a href="#element-{@ident}"><code>&lt;{@ident}&gt;</code></a></li>
          </xsl:for-each>
        </ul>
      </nav>
      <xsl:apply-templates select="$vp:odd-elements" mode="mp:odd-reference"/>
    </section>
  </xsl:template>

  <!-- The attributes of att.global that the customisation keeps, and what it removes. -->
  <xsl:template name="tp:odd-global-attributes">
    <xsl:variable name="global" select="$vp:odd-schema/tei:classSpec[@ident = 'att.global']"/>
    <xsl:variable name="removed-classes" select="$vp:odd-schema/tei:classSpec[@mode = 'delete']"/>
    <section class="global-attributes" id="att-global" aria-labelledby="att-global-heading">
      <h3 id="att-global-heading">{f:label('guidelines-global-heading')}</h3>
      <xsl:choose>
        <xsl:when test="$global/tei:attList/tei:attDef[not(@mode = 'delete')]">
          <xsl:call-template name="tp:odd-attribute-table">
            <xsl:with-param name="attributes" select="$global/tei:attList/tei:attDef[not(@mode = 'delete')]"/>
            <xsl:with-param name="caption" select="f:label('guidelines-global-caption')"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <p>{f:label('guidelines-global-unchanged')}</p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:variable name="removed-attributes" select="$global/tei:attList/tei:attDef[@mode = 'delete']"/>
      <xsl:if test="$removed-attributes or $removed-classes">
        <p>
          <xsl:value-of select="f:label('guidelines-removed')"/>
          <xsl:for-each select="$removed-attributes">
            <code class="att">@{@ident}</code>
            <xsl:text>, </xsl:text>
          </xsl:for-each>
          <xsl:value-of select="f:label('guidelines-removed-classes')"/>
          <xsl:for-each select="$removed-classes">
            <xsl:if test="position() gt 1">{if (position() = last()) then f:label('guidelines-last-of-list') else ', '}</xsl:if>
            <code class="ident">{@ident}</code>
          </xsl:for-each>
          <xsl:value-of select="f:label('guidelines-removed-end')"/>
        </p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="tei:elementSpec" mode="mp:odd-reference">
    <xsl:variable name="id" select="'element-' || @ident"/>
    <xsl:variable name="attributes" select="tei:attList/tei:attDef[not(@mode = 'delete')]"/>
    <article class="element-spec" id="{$id}" aria-labelledby="{$id}-heading">
      <h3 id="{$id}-heading"><code>&lt;{@ident}&gt;</code></h3>
      <xsl:if test="@module">
        <xsl:variable name="module" as="element()"><code class="ident">{@module}</code></xsl:variable>
        <p class="element-module"><xsl:sequence select="f:label-nodes('guidelines-module', $module)"/></p>
      </xsl:if>
      <xsl:apply-templates select="tei:desc | tei:gloss" mode="m:text"/>
      <xsl:apply-templates select="tei:remarks/node()" mode="m:text"/>
      <h4>{f:label('guidelines-attributes')}</h4>
      <xsl:choose>
        <xsl:when test="$attributes">
          <xsl:call-template name="tp:odd-attribute-table">
            <xsl:with-param name="attributes" select="$attributes"/>
            <xsl:with-param name="caption" select="f:label('guidelines-element-caption', '&lt;' || @ident || '&gt;')"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:sequence select="f:label-nodes('guidelines-only-global', fp:link('#att-global', f:label('guidelines-global-link')))"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="tei:content[.//tei:dataRef/@restriction]">
        <h4>{f:label('guidelines-content')}</h4>
        <xsl:variable name="pattern" as="element()"><code class="pattern">{(.//tei:dataRef/@restriction)[1]}</code></xsl:variable>
        <p><xsl:sequence select="f:label-nodes('guidelines-content-pattern', $pattern)"/></p>
      </xsl:for-each>
      <xsl:for-each select="tei:exemplum">
        <h4>{if (count(../tei:exemplum) gt 1) then f:label('guidelines-example-n', position()) else f:label('guidelines-example')}</h4>
        <xsl:apply-templates select="tei:p" mode="m:text"/>
        <xsl:apply-templates select="eg:egXML" mode="m:text"/>
      </xsl:for-each>
    </article>
  </xsl:template>

  <xsl:template name="tp:odd-attribute-table">
    <xsl:param name="attributes" as="element(tei:attDef)*"/>
    <xsl:param name="caption" as="xs:string"/>
    <!-- On a phone each row becomes a card (edition.css), its cells labelled in words
         for a reader whose browser no longer treats it as a table. -->
    <table class="attributes">
      <caption>{$caption}</caption>
      <thead>
        <tr><th scope="col">{f:label('guidelines-column-attribute')}</th><th scope="col">{f:label('guidelines-column-description')}</th><th scope="col">{f:label('guidelines-column-values')}</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$attributes">
          <tr>
            <th scope="row">
              <code class="att">@{@ident}</code>
              <xsl:if test="@usage = 'req'"><xsl:text> </xsl:text><span class="required">({f:label('guidelines-required')})</span></xsl:if>
            </th>
            <td>
              <span class="card-label">{f:label('guidelines-column-description')}</span>
              <xsl:apply-templates select="tei:desc/node()" mode="m:text"/>
            </td>
            <td>
              <span class="card-label">{f:label('guidelines-column-values')}</span>
              <xsl:apply-templates select="." mode="mp:odd-values"/>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- What values an attribute takes: a closed list with each value's meaning, a pattern,
       pointers, or free values the editors agree on. -->
  <xsl:template match="tei:attDef" mode="mp:odd-values">
    <xsl:variable name="pattern" select="(tei:datatype//tei:dataRef/@restriction)[1]"/>
    <xsl:variable name="key" select="(tei:datatype//tei:dataRef/@key)[1]"/>
    <xsl:variable name="most" select="string((tei:datatype/@maxOccurs, '1')[1])"/>
    <xsl:variable name="many" select="if ($most = 'unbounded') then true() else if ($most castable as xs:integer) then xs:integer($most) gt 1 else false()"/>
    <xsl:choose>
      <xsl:when test="tei:valList[@type = 'closed']">
        <dl class="values">
          <xsl:for-each select="tei:valList[@type = 'closed']/tei:valItem">
            <div>
              <dt><code class="val">{@ident}</code></dt>
              <dd>
                <xsl:apply-templates select="(tei:desc, tei:gloss)[1]/node()" mode="m:text"/>
              </dd>
            </div>
          </xsl:for-each>
        </dl>
      </xsl:when>
      <xsl:when test="$pattern">
        <xsl:variable name="code" as="element()"><code class="pattern">{$pattern}</code></xsl:variable>
        <xsl:sequence select="f:label-nodes('guidelines-values-pattern', $code)"/>
      </xsl:when>
      <xsl:when test="$key = 'teidata.pointer'">{f:label(if ($many) then 'guidelines-values-pointers' else 'guidelines-values-pointer')}</xsl:when>
      <xsl:otherwise>{f:label('guidelines-values-open')}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- TEI documentation elements in the ODD's prose (mode m:text) -->
  <!-- ======================================================= -->

  <!-- An element name; linked to its entry when the customisation specifies it. -->
  <xsl:template match="tei:gi[fp:odd-node(.)]" mode="m:text" priority="2">
    <xsl:variable name="name" select="normalize-space(.)"/>
    <xsl:choose>
      <xsl:when test="$vp:odd-elements[@ident = $name]">
        <a href="#element-{$name}"><code class="gi">&lt;{$name}&gt;</code></a>
      </xsl:when>
      <xsl:otherwise>
        <code class="gi">&lt;{$name}&gt;</code>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:att[fp:odd-node(.)]" mode="m:text" priority="2">
    <code class="att">@{normalize-space(.)}</code>
  </xsl:template>

  <xsl:template match="tei:val[fp:odd-node(.)] | tei:ident[fp:odd-node(.)] | tei:code[fp:odd-node(.)]" mode="m:text" priority="2">
    <code class="{local-name()}">{.}</code>
  </xsl:template>

  <!-- A tag as written in a file: start tag (the default), end tag or empty tag. -->
  <xsl:template match="tei:tag[fp:odd-node(.)]" mode="m:text" priority="2">
    <code class="tag">{
      let $tag := normalize-space(.) return
      if (@type = 'end') then '&lt;/' || $tag || '&gt;'
      else if (@type = 'empty') then '&lt;' || $tag || '/&gt;'
      else if (@type = 'pi') then '&lt;?' || $tag || '?&gt;'
      else if (@type = 'comment') then '&lt;!--' || $tag || '--&gt;'
      else '&lt;' || $tag || '&gt;'}</code>
  </xsl:template>

  <!-- A pointer to a division of the ODD: a link labelled with the division's heading. -->
  <xsl:template match="tei:ptr[fp:odd-node(.)][starts-with(@target, '#')] | tei:ref[fp:odd-node(.)][starts-with(@target, '#')]"
      mode="m:text" priority="2">
    <xsl:variable name="target" select="key('f:by-id', substring(@target, 2), $vp:odd)"/>
    <xsl:variable name="href" select="
        if ($target/self::tei:div) then '#' || fp:odd-section-id($target)
        else if ($target/self::tei:elementSpec) then '#element-' || $target/@ident
        else ()"/>
    <xsl:variable name="label" as="item()*">
      <xsl:apply-templates mode="m:text"/>
    </xsl:variable>
    <xsl:variable name="label" as="item()*" select="
        if (exists($label)) then $label
        else if ($target/tei:head) then normalize-space($target/tei:head)
        else if ($target/@ident) then '&lt;' || $target/@ident || '&gt;'
        else string(@target)"/>
    <xsl:choose>
      <xsl:when test="exists($href)"><a href="{$href}"><xsl:sequence select="$label"/></a></xsl:when>
      <xsl:otherwise><xsl:sequence select="$label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An example: the XML source, escaped, in the namespace-free form an editor types.
       Long lines scroll sideways, so the block takes keyboard focus (tabindex) to be
       scrollable without a mouse. -->
  <xsl:template match="eg:egXML[fp:odd-node(.)]" mode="m:text" priority="2">
    <pre class="example" tabindex="0"><code class="language-xml">{fp:odd-example-source(.)}</code></pre>
  </xsl:template>

  <!-- The source of an example. Elements are rewritten out of the Examples namespace and
       serialised; text directly inside egXML is taken as it stands (an example written as
       CDATA is already source). The indentation the example has in the ODD is removed. -->
  <xsl:function name="fp:odd-example-source" as="xs:string">
    <xsl:param name="example" as="element(eg:egXML)"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$example/node()">
        <xsl:choose>
          <xsl:when test="self::text()">
            <xsl:sequence select="string(.)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="plain" as="node()">
              <xsl:apply-templates select="." mode="mp:odd-example"/>
            </xsl:variable>
            <xsl:sequence select="serialize($plain, map { 'method': 'xml', 'omit-xml-declaration': true(), 'indent': false() })"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="source" select="string-join($parts)"/>
    <!-- When the example starts on the line of <egXML>, its first line has lost its indentation
         and is left out of the measure. -->
    <xsl:variable name="inline-start" select="not(matches($source, '^[ \t]*\r?\n'))"/>
    <xsl:variable name="lines" select="tokenize($source, '\r?\n')"/>
    <xsl:variable name="written" select="index-of($lines ! (normalize-space(.) != ''), true())"/>
    <xsl:variable name="first" select="$written[1]"/>
    <xsl:variable name="last" select="$written[last()]"/>
    <xsl:variable name="kept" select="if (exists($first)) then $lines[position() ge $first and position() le $last] else ()"/>
    <xsl:variable name="measured" select="if ($inline-start) then $kept[position() gt 1] else $kept"/>
    <xsl:variable name="indent" select="(min($measured[normalize-space() != ''] ! (string-length(.) - string-length(replace(., '^[ \t]+', '')))), 0)[1]"/>
    <!-- Blank lines become empty; every other line has at least $indent leading blanks. -->
    <xsl:sequence select="string-join((
        $kept[1] ! (if ($inline-start or normalize-space(.) = '') then replace(., '^[ \t]+', '') else substring(., $indent + 1)),
        $kept[position() gt 1] ! (if (normalize-space(.) = '') then '' else substring(., $indent + 1))
      ), '&#10;')"/>
  </xsl:function>

  <xsl:mode name="mp:odd-example" on-no-match="shallow-copy"/>

  <xsl:template match="eg:*" mode="mp:odd-example">
    <xsl:element name="{local-name()}" namespace="">
      <xsl:apply-templates select="@*, node()" mode="mp:odd-example"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
