<?xml version="1.0" encoding="UTF-8"?>
<!--
  deposit.xsl: the deposit packages. Entry stylesheet of `cables deposit`.

  Crosswalks from the TEI headers (and the edition facts of the manifest) to the metadata
  formats that library repositories ingest. Called by cables/deposit.py with one named
  template per destination, each writing its files with xsl:result-document (hrefs
  relative to the output folder cables sets):
    "deposit"  every package in one run, as `cables deposit` makes them; each record is
               made once and written wherever it goes (the MODS of mods/ is the one
               mets.xml embeds):
                 bag/mets.xml, from the payload inventory ($payload)          (mets.xsl)
                 mods/*.xml, dc/*.xml and cmif.xml                        (mods.xsl, dc.xsl, cmif.xsl)
                 dspace/<stem>/dublin_core.xml and license.txt per document  (dc.xsl)
                 oai_dc/, oai/, datacite.xml, CITATION.cff, ro-crate/, transfer/ (aggregators.xsl)
    "records"      the MODS and DC records and cmif.xml alone
    "aggregators"  the aggregators' records alone
  Facts come only from the TEI and the manifest: what they do not record stays absent.
  This file holds the facts every crosswalk shares (parties, places, sources, licence).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:tp="urn:cables:templates:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns:mods="http://www.loc.gov/mods/v3"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:import href="../common/functions.xsl"/>

  <xsl:include href="mods.xsl"/>
  <xsl:include href="dc.xsl"/>
  <xsl:include href="cmif.xsl"/>
  <xsl:include href="mets.xsl"/>
  <xsl:include href="aggregators.xsl"/>

  <xsl:output name="xml" method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:output name="text" method="text" encoding="UTF-8"/>

  <!-- What the edition's licence covers, from edition.toml (licence_scope); may be empty. -->
  <xsl:param name="licence-scope" as="xs:string" select="''"/>

  <!-- The files of the bag's payload with size, checksum and media type (urn:cables:payload),
       written by cables/deposit.py; for mets.xml (template "deposit"). -->
  <xsl:param name="payload" as="document-node()?" select="()"/>

  <!-- What checked, made and packed the files: agents with versions and three events
       (urn:cables:payload), written by cables/provenance.py; for mets.xml too. -->
  <xsl:param name="provenance" as="document-node()?" select="()"/>

  <!-- The MARC relator codes the records use, with their labels. -->
  <xsl:variable name="vp:relators" as="map(xs:string, xs:string)"
      select="map { 'aut': 'Author', 'rcp': 'Addressee', 'edt': 'Editor' }"/>

  <!-- ======================================================= -->
  <!-- Entry points                                              -->
  <!-- ======================================================= -->

  <!-- Every package of `cables deposit` in one run, so that the documents are read and
       each record made once: the payload's mets.xml goes into bag/ (where cables/deposit.py
       staged the payload), the DSpace items into dspace/ (which it zips). -->
  <xsl:template name="deposit">
    <xsl:call-template name="records"/>
    <xsl:call-template name="tp:mets">
      <xsl:with-param name="href" select="'bag/mets.xml'"/>
    </xsl:call-template>
    <xsl:call-template name="tp:dspace">
      <xsl:with-param name="folder" select="'dspace/'"/>
    </xsl:call-template>
    <xsl:call-template name="aggregators"/>
  </xsl:template>

  <!-- MODS and Dublin Core records of the edition and of each document, and the CMIF file. -->
  <xsl:template name="records">
    <xsl:result-document href="mods/edition.xml" format="xml">
      <xsl:sequence select="$vp:edition-mods"/>
    </xsl:result-document>
    <xsl:result-document href="dc/edition.xml" format="xml">
      <xsl:call-template name="tp:qualified-dc">
        <xsl:with-param name="fields" select="$vp:edition-fields"/>
      </xsl:call-template>
    </xsl:result-document>
    <xsl:for-each select="$v:documents-in-order">
      <xsl:result-document href="mods/doc-{f:stem(.)}.xml" format="xml">
        <xsl:sequence select="fp:mods(.)"/>
      </xsl:result-document>
      <xsl:result-document href="dc/doc-{f:stem(.)}.xml" format="xml">
        <xsl:call-template name="tp:qualified-dc">
          <xsl:with-param name="fields" select="fp:fields(.)"/>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:result-document href="cmif.xml" format="xml">
      <xsl:call-template name="tp:cmif"/>
    </xsl:result-document>
  </xsl:template>

  <!-- One DSpace Simple Archive Format item folder per document, named by its file stem;
       cables/deposit.py adds the TEI file, the PDF and the `contents` list. -->
  <xsl:template name="tp:dspace">
    <xsl:param name="folder" as="xs:string"/>
    <xsl:for-each select="$v:documents-in-order">
      <xsl:result-document href="{$folder}{f:stem(.)}/dublin_core.xml" format="xml">
        <xsl:call-template name="tp:dspace-dublin-core">
          <xsl:with-param name="fields" select="fp:fields(.)"/>
        </xsl:call-template>
      </xsl:result-document>
      <xsl:result-document href="{$folder}{f:stem(.)}/license.txt" format="text">
        <xsl:variable name="licence" select="fp:licence(.)"/>
        <xsl:text>{$licence}&#10;{$licence/@target}&#10;</xsl:text>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <!-- ======================================================= -->
  <!-- Records made once per run                                 -->
  <!-- ======================================================= -->

  <!-- The MODS record and the Dublin Core fields of each document, by generate-id() of its
       TEI element, and the edition's: every format that carries them reads them here, so
       that each is made once however many files it goes into. -->
  <xsl:variable name="vp:document-mods" as="map(xs:string, element(mods:mods))"
      select="map:merge($v:documents-in-order ! map:entry(generate-id(.), fp:mods-document(.)))"/>
  <xsl:variable name="vp:document-fields" as="map(xs:string, element(vp:field)*)"
      select="map:merge($v:documents-in-order ! map:entry(generate-id(.), fp:document-fields(.)))"/>
  <xsl:variable name="vp:edition-mods" as="element(mods:mods)">
    <xsl:call-template name="tp:mods-edition"/>
  </xsl:variable>
  <xsl:variable name="vp:edition-fields" as="element(vp:field)*" select="fp:edition-fields()"/>
  <!-- The place of each document in date order, by generate-id(). -->
  <xsl:variable name="vp:document-numbers" as="map(xs:string, xs:integer)"
      select="map:merge($v:documents-in-order ! map:entry(generate-id(.), position()))"/>

  <xsl:function name="fp:mods" as="element(mods:mods)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$vp:document-mods(generate-id($tei))"/>
  </xsl:function>

  <xsl:function name="fp:fields" as="element(vp:field)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$vp:document-fields(generate-id($tei))"/>
  </xsl:function>

  <xsl:function name="fp:mods-document" as="element(mods:mods)">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:call-template name="tp:mods-document">
      <xsl:with-param name="tei" select="$tei"/>
    </xsl:call-template>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Facts shared by the crosswalks                            -->
  <!-- ======================================================= -->

  <!-- The senders or addressees ('sent' or 'received') and their places: the one rule of
       the web and print records too (f:parties, f:places in common/functions.xsl). -->
  <xsl:function name="fp:parties" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:sequence select="f:parties($tei, $action)"/>
  </xsl:function>

  <xsl:function name="fp:places" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:sequence select="f:places($tei, $action)"/>
  </xsl:function>

  <!-- The authorised form of a name (the main name of its authority entry), else as written. -->
  <xsl:function name="fp:authorised-name" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="f:entry($name)"/>
    <xsl:sequence select="if ($entry) then f:entry-name($entry) else f:party-name($name)"/>
  </xsl:function>

  <!-- An authority-file URI (VIAF, GND, Wikidata, GeoNames...) for a name, from its authority
       entry: an idno typed by its authority file (its URL, or a bare identifier made into the
       file's own URI form), an idno typed URI, or an untyped idno whose URL is on an authority
       file's host. An encyclopaedia article (idno type="wikipedia") identifies nothing and is
       not one. None when the edition records none: never guessed. -->
  <xsl:function name="fp:authority-uri" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(f:entry($name)/tei:idno ! fp:authority-file-uri(.))[1]"/>
  </xsl:function>

  <!-- The authority files by the idno/@type that names them (lower case), with the URI of
       an identifier in each: the prefix a bare identifier is appended to. -->
  <xsl:variable name="vp:authority-files" as="map(xs:string, xs:string)" select="map {
      'viaf': 'https://viaf.org/viaf/', 'gnd': 'https://d-nb.info/gnd/',
      'wikidata': 'http://www.wikidata.org/entity/', 'lc': 'http://id.loc.gov/authorities/names/',
      'lcnaf': 'http://id.loc.gov/authorities/names/', 'isni': 'https://isni.org/isni/',
      'orcid': 'https://orcid.org/', 'geonames': 'https://sws.geonames.org/',
      'tgn': 'http://vocab.getty.edu/tgn/' }"/>

  <!-- The hosts of those files (and of the BnF's), for an untyped idno that is a URL. -->
  <xsl:variable name="vp:authority-hosts" as="xs:string"
      select="'^https?://(www\.)?(viaf\.org|d-nb\.info|wikidata\.org|id\.loc\.gov|isni\.org|orcid\.org|(sws\.)?geonames\.org|vocab\.getty\.edu|data\.bnf\.fr|catalogue\.bnf\.fr)/'"/>

  <xsl:function name="fp:authority-file-uri" as="xs:string?">
    <xsl:param name="idno" as="element(tei:idno)"/>
    <xsl:variable name="value" select="normalize-space($idno)"/>
    <xsl:variable name="type" select="lower-case(normalize-space($idno/@type))"/>
    <xsl:variable name="is-url" select="matches($value, '^https?://\S+$')"/>
    <xsl:sequence select="
        if ($type = map:keys($vp:authority-files)) then
          (if ($is-url) then $value
           else if (matches($value, '^[A-Za-z0-9-]+$')) then $vp:authority-files($type) || $value
           else ())
        else if ($type = ('uri', 'url') and $is-url) then $value
        else if ($type = '' and $is-url and matches($value, $vp:authority-hosts)) then $value
        else ()"/>
  </xsl:function>

  <!-- A person, not an organisation: persName, and a name or rs that its @type does not
       make an organisation (CMIF and MODS know persons and organisations only). -->
  <xsl:function name="fp:is-person" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="exists($name/self::tei:persName)
        or exists($name/(self::tei:name | self::tei:rs)[not(@type = ('org', 'organisation', 'organization', 'orgName'))])"/>
  </xsl:function>

  <!-- Names in words, each in its authorised form and marked when the header doubts it. -->
  <xsl:function name="fp:names-text" as="xs:string">
    <xsl:param name="names" as="element()*"/>
    <xsl:sequence select="string-join($names ! (if (@cert = ('low', 'medium', 'unknown'))
        then f:label('deposit-name-uncertain', fp:authorised-name(.)) else fp:authorised-name(.)), '; ')"/>
  </xsl:function>

  <xsl:function name="fp:keywords" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords/tei:term
        ! normalize-space(.)"/>
  </xsl:function>

  <xsl:function name="fp:languages" as="element(tei:language)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[@ident]"/>
  </xsl:function>

  <!-- The licence statement of a document's header, with its @target URL. -->
  <xsl:function name="fp:licence" as="element(tei:licence)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="($tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt
        /tei:availability/tei:licence)[1]"/>
  </xsl:function>

  <!-- The edition's licence in words: its name, then what it covers (edition.toml). -->
  <xsl:function name="fp:edition-licence-text" as="xs:string">
    <xsl:sequence select="normalize-space($v:edition/@licence) || '.'
        || ($licence-scope[normalize-space(.)] ! (' ' || f:label('deposit-licence-scope', normalize-space(.))))"/>
  </xsl:function>

  <!-- The archival original as the header describes it (repository, identifiers). -->
  <xsl:function name="fp:original" as="element(tei:msDesc)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:msDesc"/>
  </xsl:function>

  <!-- The page of the document in the online archive: the English translation read. -->
  <xsl:function name="fp:archive-page" as="element(tei:bibl)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'archive-page']"/>
  </xsl:function>

  <xsl:function name="fp:url" as="xs:string?">
    <xsl:param name="bibl" as="element()?"/>
    <xsl:sequence select="($bibl/tei:ref/@target[f:is-external(.)])[1] ! string(.)"/>
  </xsl:function>

  <!-- Bibliography entries the header cites (sourceDesc pointers and @source of its dates):
       for these documents, the introducing blog post. -->
  <xsl:function name="fp:cited-works" as="element(tei:bibl)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="pointers" select="
        $tei/tei:teiHeader/(tei:fileDesc/tei:sourceDesc//tei:ptr/@target
          | tei:profileDesc/tei:correspDesc//@source)"/>
    <xsl:sequence select="(for $pointer in $pointers, $token in tokenize($pointer)
        return f:resolve($token, $pointer/..))[self::tei:bibl][ancestor::tei:standOff]/."/>
  </xsl:function>

  <!-- Header notes that are not about the original or the archive page. -->
  <xsl:function name="fp:document-notes" as="element(tei:note)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl[not(@type = 'archive-page')]/tei:note
        | $tei/tei:teiHeader/tei:profileDesc/tei:correspDesc//tei:note"/>
  </xsl:function>

  <!-- A date as ISO 8601: a day, month or year, or an interval "start/end" (ISO 8601-2
       writes an open end as ".."). -->
  <xsl:function name="fp:iso-date" as="xs:string?">
    <xsl:param name="date" as="element(tei:date)?"/>
    <xsl:variable name="start" select="($date/@from, $date/@notBefore)[1]"/>
    <xsl:variable name="end" select="($date/@to, $date/@notAfter)[1]"/>
    <xsl:sequence select="
        if ($date/@when) then string($date/@when)
        else if ($start or $end) then ($start, '..')[1] || '/' || ($end, '..')[1]
        else ()"/>
  </xsl:function>

  <!-- A sentence for each variant date: where it comes from, and which date the edition adopts. -->
  <xsl:function name="fp:variant-notes" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:for-each select="f:variant-dates($tei)">
      <xsl:variable name="date" select="."/>
      <xsl:variable name="sources" select="tokenize(@source) ! f:resolve(., $date) ! normalize-space(tei:title[1])"/>
      <xsl:variable name="quoted" select="$sources ! f:label('citation-title', .)"/>
      <xsl:variable name="listed" select="if (count($quoted) le 1) then $quoted
          else f:label('and', (string-join($quoted[position() lt last()], ', '), $quoted[last()]))"/>
      <xsl:sequence select="if (exists($listed))
          then f:label('deposit-variant-date-in', (f:format-date(.), $listed, f:format-date(f:sent-date($tei))))
          else f:label('deposit-variant-date', (f:format-date(.), f:format-date(f:sent-date($tei))))"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The earliest and latest adopted dates of the documents: the span of the edition. -->
  <xsl:function name="fp:edition-span" as="xs:string*">
    <xsl:variable name="dates" select="$v:documents-in-order ! f:iso(f:sent-date(.))[. != '']"/>
    <xsl:sequence select="if (exists($dates)) then (min($dates), max($dates)) else ()"/>
  </xsl:function>

  <!-- The number of a document in the edition (its place in date order). -->
  <xsl:function name="fp:number" as="xs:integer">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$vp:document-numbers(generate-id($tei))"/>
  </xsl:function>

  <!-- The public address of a page of the web edition, only when edition.toml gives a base URL. -->
  <xsl:function name="fp:page-url" as="xs:string?">
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="base" select="normalize-space($v:edition/@base-url)"/>
    <xsl:sequence select="if ($base = '') then ()
        else $base || (if (ends-with($base, '/')) then '' else '/') || $page"/>
  </xsl:function>

  <!-- Front matter in reading order, as in the printed book (print/book.xsl). -->

</xsl:stylesheet>
