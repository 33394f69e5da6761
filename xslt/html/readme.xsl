<?xml version="1.0" encoding="UTF-8"?>
<!--
  readme.xsl: the README of the edition's ZIP (cables.copies.write_edition_zip), as text.

  Called by cables with the named template "readme" and the run's $manifest; says what the
  edition is, under which licence, and how its files fit together (they are kept where they
  are in the project, so each validates as it is against the schema beside it).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="urn:cables:functions"
    xmlns:v="urn:cables:variables"
    xmlns:c="urn:cables:manifest"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:include href="../common/functions.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template name="readme">
    <xsl:variable name="lines" as="xs:string*" select="
        string($v:edition/@title),
        string($v:edition/@subtitle)[. != ''],
        '',
        f:label('readme-version', ($v:edition/@version, f:format-iso($v:edition/@build-date))),
        f:label('readme-edited-by', string-join($v:edition/c:editor, ', ')),
        f:label('readme-publisher', string($v:edition/@publisher))[$v:edition/@publisher != ''],
        f:label('readme-address', string($v:edition/@base-url))[$v:edition/@base-url != ''],
        '',
        f:label('readme-licence', ($v:edition/@licence, $v:edition/@licence-url)),
        f:label('readme-licence-scope', string($v:edition/@licence-scope))[$v:edition/@licence-scope != ''],
        '',
        f:label('readme-contents'),
        f:label('readme-validation')"/>
    <xsl:value-of select="string-join($lines, '&#10;') || '&#10;'"/>
  </xsl:template>

</xsl:stylesheet>
