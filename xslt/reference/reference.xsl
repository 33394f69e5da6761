<?xml version="1.0" encoding="UTF-8"?>
<!--
  reference.xsl: the reference page of the stylesheets' public interface, generated from
  their declarations and the comment before each (as guidelines.xsl generates the encoding
  guidelines from the ODD). Run by `cables reference` with the named template "reference".

  Lists, file by file, what a customisation layer may rely on: the public modes (m:,
  urn:cables:modes), named templates (t:, urn:cables:templates), functions and keys (f:,
  urn:cables:functions) and variables (v:, urn:cables:variables), the global parameters,
  and the label keys of common/labels.xml with their English values. The private names
  (mp:, tp:, fp:, vp:: the same URIs ending in ":private") are left out: they may change in
  any release. Unprefixed named templates are the entry points cables itself calls.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fp="urn:cables:functions:private"
    xmlns:mp="urn:cables:modes:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:vp="urn:cables:variables:private"
    xmlns:l="urn:cables:labels"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:output method="html" html-version="5.0" encoding="UTF-8" indent="no"/>

  <!-- The stylesheets to list: paths relative to the xslt folder, separated by spaces, in
       the order of the page (cables passes every .xsl file of the packaged folder). -->
  <xsl:param name="stylesheets" as="xs:string" required="yes"/>

  <xsl:variable name="vp:xslt-base" select="resolve-uri('../', static-base-uri())"/>
  <!-- The public namespace of each kind of declaration, as in DocBook xslTNG: modes m:,
       named templates t:, functions (and keys) f:, variables v:. Each has a private twin
       (mp:, tp:, fp:, vp:, the same URI ending in ":private") that the page leaves out. -->
  <xsl:variable name="vp:public" as="map(xs:string, xs:string)" select="map {
      'mode': 'urn:cables:modes', 'template': 'urn:cables:templates',
      'function': 'urn:cables:functions', 'key': 'urn:cables:functions',
      'variable': 'urn:cables:variables' }"/>
  <xsl:variable name="vp:labels-path" select="'common/labels.xml'"/>

  <xsl:template name="reference">
    <xsl:variable name="files" select="tokenize($stylesheets)"/>
    <html lang="en">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>cables: reference of the stylesheets' public interface</title>
        <style>
          body {{ font-family: sans-serif; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.4; }}
          dt {{ margin-top: 0.8rem; }}
          dd {{ margin-left: 1.5rem; }}
          code {{ font-size: 0.95em; }}
          .missing {{ color: #8a1c1c; }}
        </style>
      </head>
      <body>
        <header>
          <h1>The public interface of the cables stylesheets</h1>
          <p>Generated from the declarations of the packaged stylesheets and the comment
            before each. A customisation stylesheet imports
            <code>cables:xslt/html/site.xsl</code> or <code>cables:xslt/print/book.xsl</code>
            and may override or call what this page lists, each kind in a namespace of its
            own (as DocBook xslTNG does): the modes in <code>urn:cables:modes</code> (prefix
            <code>m:</code>), the named templates in <code>urn:cables:templates</code>
            (<code>t:</code>), the functions and keys in <code>urn:cables:functions</code>
            (<code>f:</code>) and the variables in <code>urn:cables:variables</code>
            (<code>v:</code>); and set the global parameters and the label keys.</p>
          <p>Each of these namespaces has a private twin, the same URI ending in
            <code>:private</code> (prefixes <code>mp:</code>, <code>tp:</code>,
            <code>fp:</code>, <code>vp:</code>): its names are not listed here and may change
            in any release. Named templates without a prefix are the entry points cables
            calls.</p>
        </header>
        <nav aria-label="Files">
          <h2>Files</h2>
          <ul>
            <xsl:for-each select="$files">
              <li><a href="#{fp:file-id(.)}"><code>{.}</code></a></li>
            </xsl:for-each>
            <li><a href="#{fp:file-id($vp:labels-path)}"><code>{$vp:labels-path}</code></a> (label keys)</li>
          </ul>
        </nav>
        <main>
          <xsl:for-each select="$files">
            <xsl:call-template name="tp:file">
              <xsl:with-param name="path" select="."/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:call-template name="tp:labels"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:function name="fp:file-id" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="'file-' || replace($path, '[^A-Za-z0-9]', '-')"/>
  </xsl:function>

  <!-- Whether a declaration's name is in the public namespace of its kind. -->
  <xsl:function name="fp:is-public" as="xs:boolean">
    <xsl:param name="declaration" as="element()"/>
    <xsl:sequence select="namespace-uri-from-QName(resolve-QName(normalize-space($declaration/@name), $declaration))
        = $vp:public(local-name($declaration))"/>
  </xsl:function>

  <xsl:template name="tp:file">
    <xsl:param name="path" as="xs:string"/>
    <xsl:variable name="top" select="doc(resolve-uri($path, $vp:xslt-base))/xsl:stylesheet/*"/>
    <xsl:variable name="modes" select="$top[self::xsl:mode][@name][fp:is-public(.)]"/>
    <xsl:variable name="templates"
        select="$top[self::xsl:template][@name][fp:is-public(.)]"/>
    <xsl:variable name="functions" select="$top[self::xsl:function][fp:is-public(.)]"/>
    <xsl:variable name="parameters" select="$top[self::xsl:param]"/>
    <xsl:variable name="variables"
        select="$top[self::xsl:variable or self::xsl:key][fp:is-public(.)]"/>
    <section id="{fp:file-id($path)}" aria-labelledby="{fp:file-id($path)}-h">
      <h2 id="{fp:file-id($path)}-h"><code>{$path}</code></h2>
      <xsl:if test="empty(($modes, $templates, $functions, $parameters, $variables))">
        <p>No public declarations.</p>
      </xsl:if>
      <xsl:call-template name="tp:group">
        <xsl:with-param name="title" select="'Modes'"/>
        <xsl:with-param name="declarations" select="$modes"/>
        <xsl:with-param name="path" select="$path"/>
      </xsl:call-template>
      <xsl:call-template name="tp:group">
        <xsl:with-param name="title" select="'Named templates'"/>
        <xsl:with-param name="declarations" select="$templates"/>
        <xsl:with-param name="path" select="$path"/>
      </xsl:call-template>
      <xsl:call-template name="tp:group">
        <xsl:with-param name="title" select="'Functions'"/>
        <xsl:with-param name="declarations" select="$functions"/>
        <xsl:with-param name="path" select="$path"/>
      </xsl:call-template>
      <xsl:call-template name="tp:group">
        <xsl:with-param name="title" select="'Global parameters'"/>
        <xsl:with-param name="declarations" select="$parameters"/>
        <xsl:with-param name="path" select="$path"/>
      </xsl:call-template>
      <xsl:call-template name="tp:group">
        <xsl:with-param name="title" select="'Variables and keys'"/>
        <xsl:with-param name="declarations" select="$variables"/>
        <xsl:with-param name="path" select="$path"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template name="tp:group">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="declarations" as="element()*"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:if test="exists($declarations)">
      <h3>{$title}</h3>
      <dl>
        <xsl:for-each select="$declarations">
          <dt id="{fp:declaration-id(., $path)}">
            <code><xsl:apply-templates select="." mode="mp:signature"/></code>
          </dt>
          <dd><xsl:sequence select="fp:comment(.)"/></dd>
        </xsl:for-each>
      </dl>
    </xsl:if>
  </xsl:template>

  <!-- Functions are unique by name and arity, other names within their kind; parameters
       may be declared in more than one file. -->
  <xsl:function name="fp:declaration-id" as="xs:string">
    <xsl:param name="declaration" as="element()"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:variable name="kind" select="local-name($declaration)"/>
    <xsl:sequence select="string-join(($kind,
        if ($kind = 'param') then replace($path, '[^A-Za-z0-9]', '-') else (),
        $declaration/@name,
        if ($kind = 'function') then string(count($declaration/xsl:param)) else ()), '.')"/>
  </xsl:function>

  <!-- The comment just before a declaration (whitespace between them aside). -->
  <xsl:function name="fp:comment" as="node()*">
    <xsl:param name="declaration" as="element()"/>
    <xsl:variable name="comment" select="$declaration/preceding-sibling::node()
        [not(self::text()[normalize-space() = ''])][1][self::comment()]"/>
    <xsl:choose>
      <xsl:when test="$comment">{normalize-space($comment)}</xsl:when>
      <xsl:otherwise><span class="missing">Not documented.</span></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:template match="xsl:function" mode="mp:signature">
    <xsl:text>{@name}(</xsl:text>
    <xsl:for-each select="xsl:param">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:text>${@name}{@as ! (' as ' || .)}</xsl:text>
    </xsl:for-each>
    <xsl:text>){@as ! (' as ' || .)}</xsl:text>
  </xsl:template>

  <xsl:template match="xsl:template" mode="mp:signature">
    <xsl:text>{@name}(</xsl:text>
    <xsl:for-each select="xsl:param">
      <xsl:if test="position() gt 1">, </xsl:if>
      <xsl:text>${@name}{@as ! (' as ' || .)}{
          if (@tunnel = ('yes', 'true', '1')) then ' (tunnel)' else ''}{
          if (@required = ('yes', 'true', '1')) then ' (required)' else ''}</xsl:text>
    </xsl:for-each>
    <xsl:text>){@as ! (' as ' || .)}</xsl:text>
  </xsl:template>

  <xsl:template match="xsl:mode" mode="mp:signature">
    <xsl:text>mode {@name}{@on-no-match ! (' (on no match: ' || . || ')')}</xsl:text>
  </xsl:template>

  <xsl:template match="xsl:param" mode="mp:signature">
    <xsl:text>${@name}{@as ! (' as ' || .)}{
        if (@required = ('yes', 'true', '1')) then ' (required, set by cables)' else ''}</xsl:text>
  </xsl:template>

  <xsl:template match="xsl:variable" mode="mp:signature">
    <xsl:text>${@name}{@as ! (' as ' || .)}</xsl:text>
  </xsl:template>

  <xsl:template match="xsl:key" mode="mp:signature">
    <xsl:text>key('{@name}', …) matching {@match}</xsl:text>
  </xsl:template>

  <xsl:template name="tp:labels">
    <xsl:variable name="labels" select="doc(resolve-uri($vp:labels-path, $vp:xslt-base))/l:labels/l:label"/>
    <section id="{fp:file-id($vp:labels-path)}" aria-labelledby="{fp:file-id($vp:labels-path)}-h">
      <h2 id="{fp:file-id($vp:labels-path)}-h"><code>{$vp:labels-path}</code>: label keys</h2>
      <p>Every word the stylesheets write that is not the corpus's own, by its key, with its
        English value. An edition gives its own table with <code>[edition] labels</code> in
        <code>edition.toml</code>; a key it leaves out keeps the English value.
        <code>{{1}}</code>, <code>{{2}}</code>… stand for what the stylesheet puts there.</p>
      <dl>
        <xsl:for-each select="$labels">
          <dt id="label.{@key}"><code>{@key}</code>: “{.}”</dt>
          <dd><xsl:sequence select="fp:comment(.)"/></dd>
        </xsl:for-each>
      </dl>
    </section>
  </xsl:template>

</xsl:stylesheet>
