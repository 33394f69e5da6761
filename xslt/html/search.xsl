<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">
  <xsl:template name="fp:search-page">
    <xsl:call-template name="fp:page">
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="content"><h1>Search</h1></xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
