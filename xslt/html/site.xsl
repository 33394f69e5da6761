<?xml version="1.0" encoding="UTF-8"?>
<!--
  site.xsl: the web edition. Entry stylesheet of `cables build html`.

  Called once per build with the named template "site" and the run's manifest; writes
  every page of the static site with xsl:result-document (hrefs relative to the output
  folder that cables sets). Python copies the TEI sources and assets beside the pages.
  Modes: m:text (shared TEI rendering, common/text.xsl); the page templates below.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:mp="urn:cables:modes:private"
    xmlns:c="urn:cables:manifest"
    xmlns:pg="urn:cables:pages"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="../common/text.xsl"/>
  <xsl:include href="../common/parts.xsl"/>
  <xsl:include href="pages.xsl"/>
  <xsl:include href="chronology.xsl"/>
  <xsl:include href="map.xsl"/>
  <xsl:include href="search.xsl"/>
  <xsl:include href="guidelines.xsl"/>
  <xsl:include href="record-parts.xsl"/>
  <xsl:include href="entity.xsl"/>

  <!-- The principal result: nothing, or the records the document pages return. -->
  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>
  <xsl:output name="page" method="html" html-version="5.0" encoding="UTF-8" indent="no"/>
  <xsl:output name="text" method="text" encoding="UTF-8"/>
  <xsl:output name="xml" method="xml" encoding="UTF-8" indent="yes"/>

  <!-- Whether a PDF of each document exists beside the site (pdf/doc-<stem>.pdf, see f:stem). -->
  <xsl:param name="pdf-available" as="xs:boolean" select="false()"/>

  <!-- The pages of the navigation bar, in order (common/pages.xml): file name and label. -->
  <xsl:variable name="vp:navigation" as="element(vp:link)*">
    <xsl:for-each select="$vp:site-pages/../pg:navigation/pg:link">
      <vp:link href="{if (@stem) then @stem || '.html' else f:site-page(@page)}">{f:label(@label)}</vp:link>
    </xsl:for-each>
  </xsl:variable>

  <!-- For "document-pages": the pages to write, as c:pages with one c:page per document:
       @href (the document's file URI), @source (where the site ships its TEI, beside the
       files it points to) and the facts of its neighbours in date order,
       @previous-stem, @previous-title, @previous-date and the same for next (absent at
       either end). The run's manifest lists these documents and those they point to. -->
  <xsl:param name="pages" as="document-node()?" select="()"/>

  <!-- Which of the pages of template "site" a run writes: "all", or some of their names in
       common/pages.xml (home, front, persons...), so that several processes can share them. -->
  <xsl:param name="corpus-pages" as="xs:string" select="'all'"/>
  <xsl:variable name="vp:corpus-pages" as="xs:string*" select="tokenize($corpus-pages)"/>

  <!-- The pages that list the whole corpus, made from the records ($records) of the
       documents, and the pages of the front matter, authority files and ODD: those of
       common/pages.xml that no other template writes, in its order. -->
  <xsl:template name="site">
    <xsl:variable name="written" select="$vp:site-pages[not(@template)]"/>
    <xsl:for-each select="$vp:corpus-pages[not(. = ('all', $written/@name))][1]">
      <xsl:sequence select="error(QName('urn:cables:pages', 'pg:page'), 'template site writes no page named ' || .)"/>
    </xsl:for-each>
    <xsl:apply-templates select="$written[$vp:corpus-pages = ('all', @name)]" mode="mp:site-page"/>
  </xsl:template>

  <!-- Writes one page of common/pages.xml; a page of the list without a rule here fails. -->
  <xsl:mode name="mp:site-page" on-no-match="fail"/>

  <xsl:template match="pg:page[@name = 'home']" mode="mp:site-page">
    <xsl:call-template name="tp:home"/>
  </xsl:template>

  <xsl:template match="pg:page[@each = 'front']" mode="mp:site-page">
    <xsl:for-each select="$v:front/tei:TEI">
      <xsl:call-template name="tp:front-page">
        <xsl:with-param name="tei" select="."/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="pg:page[@index = 'yes']" mode="mp:site-page">
    <xsl:call-template name="tp:index-page">
      <xsl:with-param name="index" select="string(@name)"/>
      <xsl:with-param name="title" select="f:label('index-' || @name)"/>
      <xsl:with-param name="entries" select="f:index-entries(@name)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="pg:page[@name = 'bibliography']" mode="mp:site-page">
    <xsl:call-template name="tp:bibliography-page"/>
  </xsl:template>

  <xsl:template match="pg:page[@name = 'chronology']" mode="mp:site-page">
    <xsl:call-template name="tp:chronology-page"/>
  </xsl:template>

  <xsl:template match="pg:page[@name = 'map']" mode="mp:site-page">
    <xsl:call-template name="tp:map-page"/>
  </xsl:template>

  <xsl:template match="pg:page[@name = 'search']" mode="mp:site-page">
    <xsl:call-template name="tp:search-page"/>
  </xsl:template>

  <xsl:template match="pg:page[@name = 'guidelines']" mode="mp:site-page">
    <xsl:call-template name="tp:guidelines-page"/>
  </xsl:template>

  <xsl:template match="pg:page[@name = 'changes']" mode="mp:site-page">
    <xsl:call-template name="tp:changes-page"/>
  </xsl:template>

  <xsl:template match="pg:page[@name = 'sitemap']" mode="mp:site-page">
    <xsl:call-template name="tp:sitemap"/>
  </xsl:template>

  <!-- One page per c:page of $pages: a page depends only on its document, the documents
       it points to, the authority and front-matter files and its neighbours' facts.
       Returns the record of each document (record-parts.xsl), read once for both. -->
  <xsl:template name="document-pages">
    <c:records>
      <xsl:for-each select="$pages/c:pages/c:page">
        <xsl:variable name="tei" select="doc(@href)/tei:TEI"/>
        <xsl:call-template name="tp:document-page">
          <xsl:with-param name="tei" select="$tei"/>
          <xsl:with-param name="neighbours" select="."/>
        </xsl:call-template>
        <xsl:for-each select="$tei">
          <xsl:call-template name="tp:summary">
            <xsl:with-param name="kind" select="'document'"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:for-each>
    </c:records>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- The page shell                                            -->
  <!-- ======================================================= -->

  <!-- Writes one page: head with metadata, skip link, navigation, main content, footer. -->
  <xsl:template name="tp:page">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="description" as="xs:string" select="$v:edition/@subtitle"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="meta" as="element()*" select="()"/>
    <xsl:param name="json-ld" as="element(j:map)?" select="()"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <!-- For a page in a folder of the site (an entity page: "../"), the way back to the
         top, so that its links are written as on every other page. -->
    <xsl:param name="base" as="xs:string?" select="()"/>
    <xsl:result-document href="{$file}" format="page">
      <html lang="{$v:edition/@language}">
        <head>
          <meta charset="utf-8"/>
          <xsl:for-each select="$base"><base href="{.}"/></xsl:for-each>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <title>{$title} · {$v:edition/@title}</title>
          <meta name="description" content="{$description}"/>
          <meta name="generator" content="cables {$v:edition/@generator-version}"/>
          <link rel="stylesheet" href="assets/edition.css"/>
          <!-- The edition's own CSS ([build] css), after the default so that it wins. -->
          <xsl:for-each select="$v:edition/c:css">
            <link rel="stylesheet" href="assets/{@name}"/>
          </xsl:for-each>
          <meta name="DC.title" content="{$title}"/>
          <meta name="DC.publisher" content="{$v:edition/@publisher}"/>
          <meta name="DC.rights" content="{$v:edition/@licence} ({$v:edition/@licence-url})"/>
          <meta name="DC.language" content="{$v:edition/@language}"/>
          <meta name="DC.date.modified" content="{$v:edition/@build-date}"/>
          <xsl:for-each select="$v:edition/c:editor">
            <meta name="DC.contributor" content="{.}"/>
          </xsl:for-each>
          <xsl:if test="$v:edition/@base-url != ''">
            <meta name="DC.identifier" content="{$v:edition/@base-url}{$file}"/>
            <link rel="canonical" href="{$v:edition/@base-url}{$file}"/>
          </xsl:if>
          <xsl:sequence select="$meta"/>
          <xsl:if test="not($meta[@name = 'citation_title'])">
            <meta name="citation_title" content="{$title}"/>
            <meta name="citation_publisher" content="{$v:edition/@publisher}"/>
            <meta name="citation_date" content="{replace($v:edition/@date, '-', '/')}"/>
            <meta name="citation_language" content="{$v:edition/@language}"/>
          </xsl:if>
          <script type="application/ld+json">
            <xsl:value-of select="f:script-json(($json-ld, fp:json-ld-page($title, $file))[1])"/>
          </script>
        </head>
        <body>
          <a class="skip-link" href="{$file[exists($base)]}#main">{f:label('skip-to-content')}</a>
          <header class="site-header">
            <p class="site-title"><a href="{f:site-page('home')}">{$v:edition/@title}</a></p>
            <nav aria-label="{f:label('navigation')}">
              <ul>
                <xsl:for-each select="$vp:navigation">
                  <li>
                    <a href="{@href}">
                      <xsl:if test="@href = $file">
                        <xsl:attribute name="aria-current" select="'page'"/>
                      </xsl:if>
                      <xsl:value-of select="."/>
                    </a>
                  </li>
                </xsl:for-each>
              </ul>
            </nav>
          </header>
          <main id="main">
            <xsl:sequence select="$content"/>
          </main>
          <!-- The version links to the page of the edition's changes, where there is one. -->
          <footer class="site-footer">
            <p>
              <cite>{$v:edition/@title}</cite>, {f:label('footer-edited-by', string-join($v:edition/c:editor, ', '))}
              <xsl:variable name="changes" select="string($vp:site-pages[@name = 'changes']/@file)"/>
              <xsl:variable name="version" as="node()">
                <xsl:choose>
                  <xsl:when test="$changes != ''">
                    <a href="{$changes}">
                      <xsl:if test="$changes = $file"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                      <xsl:value-of select="$v:edition/@version"/>
                    </a>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$v:edition/@version"/></xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <xsl:sequence select="f:label-nodes('footer-version', ($version, f:format-iso($v:edition/@build-date)))"/>
              <xsl:text>&#10;            </xsl:text>
            </p>
            <p>
              {f:label('footer-licence')}
              <a href="{$v:edition/@licence-url}" rel="license">{$v:edition/@licence}</a>.
              <a href="principles.html">{f:label('editorial-principles')}</a> ·
              <a href="abbreviations.html">{f:label('abbreviations')}</a> ·
              <a href="{f:site-page('guidelines')}">{f:label('encoding-guidelines')}</a>
              <xsl:if test="$vp:sitemap"> · <a href="{f:site-page('sitemap')}">{f:label('sitemap')}</a></xsl:if>
            </p>
          </footer>
          <!-- Escape for the descriptions of names (assets/tips.js), where a page has any. -->
          <xsl:for-each select="($scripts, 'assets/tips.js'[exists($content//*[tokenize(@class) = 'tip'])])">
            <script src="{.}"></script>
          </xsl:for-each>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>

  <xsl:function name="fp:json-ld-page" as="element(j:map)">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="file" as="xs:string"/>
    <j:map>
      <j:string key="@context">https://schema.org</j:string>
      <j:string key="@type">WebPage</j:string>
      <j:string key="name">{$title}</j:string>
      <xsl:if test="$v:edition/@base-url != ''">
        <j:string key="@id">{$v:edition/@base-url}{$file}</j:string>
        <j:string key="url">{$v:edition/@base-url}{$file}</j:string>
      </xsl:if>
      <j:string key="inLanguage">{$v:edition/@language}</j:string>
      <j:map key="publisher">
        <j:string key="@type">Organization</j:string>
        <j:string key="name">{$v:edition/@publisher}</j:string>
      </j:map>
      <j:string key="license">{$v:edition/@licence-url}</j:string>
      <j:string key="version">{$v:edition/@version}</j:string>
      <j:string key="dateModified">{$v:edition/@build-date}</j:string>
      <j:map key="isPartOf">
        <j:string key="@type">WebSite</j:string>
        <xsl:if test="$v:edition/@base-url != ''">
          <j:string key="@id">{$v:edition/@base-url}</j:string>
          <j:string key="url">{$v:edition/@base-url}</j:string>
        </xsl:if>
        <j:string key="name">{$v:edition/@title}</j:string>
      </j:map>
    </j:map>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Sitemap                                                   -->
  <!-- ======================================================= -->

  <!-- Every page of common/pages.xml but the sitemap, those of @each once per file, at its
       absolute address (the sitemap protocol allows no other). Only when the edition has a
       base URL: without an address there is no sitemap (and no link to one, vp:sitemap). -->
  <xsl:template name="tp:sitemap">
    <xsl:variable name="pages" as="xs:string*" select="$vp:site-pages[not(@sitemap = 'no')] ! (
        if (@each = 'document') then $v:documents-in-order ! (f:stem(.) || '.html')
        else if (@each = 'front') then $v:front/tei:TEI ! (f:stem(.) || '.html')
        else if (@each = 'entry') then (let $of := string(@of) return
            sort(map:keys($v:entity-entries))[local-name($v:entity-entries(.)) = $of] ! f:entity-page(.))
        else string(@file))"/>
    <xsl:variable name="base" select="replace($v:edition/@base-url, '([^/])$', '$1/')"/>
    <xsl:if test="$vp:sitemap">
      <xsl:result-document href="sitemap.xml" format="xml">
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <xsl:for-each select="distinct-values($pages)">
            <url>
              <loc>{$base}{string-join(tokenize(., '/') ! encode-for-uri(.), '/')}</loc>
              <lastmod>{$v:edition/@build-date}</lastmod>
            </url>
          </xsl:for-each>
        </urlset>
      </xsl:result-document>
    </xsl:if>
  </xsl:template>

  <!-- Whether the site has a sitemap: only with a base URL, to give absolute addresses. -->
  <xsl:variable name="vp:sitemap" as="xs:boolean" select="$v:edition/@base-url != ''"/>

</xsl:stylesheet>
