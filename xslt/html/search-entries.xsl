<?xml version="1.0" encoding="UTF-8"?>
<!--
  search-entries.xsl: the entries of the search index for one text of the corpus.
  Included by record.xsl (which makes them with each text's record, so that cables can
  write the parts of the index without another stylesheet run) and by search.xsl (whose
  filters list the persons and places the entries name).

  fp:search-entries gives a text's entries as JSON, comma-separated: one for the text and
  one for each editorial note. xml-to-json writes the keys in the order given here, so two
  builds are byte-identical.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:mp="urn:cables:modes:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns:j="http://www.w3.org/2005/xpath-functions"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The entries of a text (a full TEI file), as JSON objects separated by commas: one
       for the text and one for each editorial note. "order" puts documents in date order,
       then the front matter, as the home page does. An entry's text comes as passages,
       each with the id of its paragraph on the page (f:paragraph-id; the text outside
       paragraphs has none) and the authority entries it names, so that a result links
       to the paragraph it was found in and a name counts where it is tagged. The facts
       every entry of the text shares are serialised once and spliced in. -->
  <xsl:function name="fp:search-entries" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="facts" select="fp:search-facts($tei)"/>
    <xsl:variable name="id" select="string($tei/@xml:id)"/>
    <xsl:variable name="stem" select="f:stem($tei)"/>
    <xsl:variable name="order" select="if ($kind = 'document') then '0 ' || f:sort-date($tei) || ' ' || $id else '1 ' || $stem"/>
    <xsl:variable name="text" as="element()*">
      <j:string key="kind">{if ($tei/tei:text/@type = 'front-matter') then 'page' else 'document'}</j:string>
      <j:string key="id">{$id}</j:string>
      <j:string key="url">{$stem}.html</j:string>
      <j:string key="order">{$order}</j:string>
      <j:string key="number">{f:number($tei)}</j:string>
    </xsl:variable>
    <xsl:variable name="paragraphs" select="$tei/tei:text//(tei:p | tei:ab)
        [not(ancestor::tei:note | ancestor::tei:p | ancestor::tei:ab)]"/>
    <xsl:variable name="entries" as="xs:string*">
      <!-- The text names what its text names outside the notes (each note names its own)
           and what its correspondence record names ("record": sender, addressee, places
           of sending and receipt), which a filter counts for the whole text, while a name
           in the text counts only for the passage that tags it. -->
      <xsl:variable name="record" select="distinct-values($tei/tei:teiHeader/tei:profileDesc/tei:correspDesc//*[@ref or @key] ! f:pointed-ids(.))"/>
      <xsl:variable name="record-json" as="element()">
        <j:array key="record"><xsl:for-each select="$record"><j:string>{.}</j:string></xsl:for-each></j:array>
      </xsl:variable>
      <xsl:sequence select="fp:json-entry($text, string-join(($facts, fp:json-members($record-json)), ','),
          fp:named-json(($tei/tei:text//*[@ref or @key][not(ancestor::tei:note)] ! f:pointed-ids(.), $record)), (
          fp:passage('', fp:plain-text($tei/tei:text, true()),
            $tei/tei:text//*[@ref or @key][not(ancestor::tei:note | ancestor::tei:p | ancestor::tei:ab)]),
          $paragraphs ! fp:passage(f:paragraph-id(.), fp:plain-text(., false()),
            .//*[@ref or @key][not(ancestor::tei:note)]))[?text != ''])"/>
      <xsl:for-each select="$tei/tei:text//tei:note">
        <xsl:variable name="number" select="f:note-number(.)"/>
        <xsl:variable name="note" as="element()*">
          <j:string key="kind">note</j:string>
          <j:string key="id">{$id}-note-{$number}</j:string>
          <j:string key="url">{$stem}.html#note-{$number}</j:string>
          <j:string key="order">{$order}</j:string>
          <j:string key="number">{f:number($tei)}</j:string>
          <j:number key="note">{$number}</j:number>
          <j:string key="noteType">{@type ! f:note-type-label(.)}</j:string>
        </xsl:variable>
        <!-- A note's persons and places are the ones it names itself. -->
        <xsl:variable name="pointers" select=".//*[@ref or @key]"/>
        <xsl:sequence select="fp:json-entry($note, (), fp:named-json($pointers ! f:pointed-ids(.)),
            fp:passage('note-' || $number, fp:plain-text(node(), false()), $pointers))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join($entries, ',')"/>
  </xsl:function>

  <!-- A passage of an entry: its paragraph id, its text, the ids of the entries its
       pointers name. -->
  <xsl:function name="fp:passage" as="map(*)">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="pointers" as="element()*"/>
    <xsl:sequence select="map { 'id': $id, 'text': $text,
        'names': array { distinct-values($pointers ! f:pointed-ids(.)) } }"/>
  </xsl:function>

  <!-- One entry: its own members, the shared facts (serialised; a note has none: it
       takes its text's, the entry before it), the named entries and its passages. -->
  <xsl:function name="fp:json-entry" as="xs:string">
    <xsl:param name="members" as="element()*"/>
    <xsl:param name="facts" as="xs:string?"/>
    <xsl:param name="named" as="xs:string"/>
    <xsl:param name="passages" as="map(*)*"/>
    <xsl:variable name="last" as="element()">
      <j:array key="passages">
        <xsl:for-each select="$passages">
          <j:map>
            <j:string key="id">{?id}</j:string>
            <j:string key="text">{?text}</j:string>
            <j:array key="names"><xsl:for-each select="?names?*"><j:string>{.}</j:string></xsl:for-each></j:array>
          </j:map>
        </xsl:for-each>
      </j:array>
    </xsl:variable>
    <xsl:sequence select="'{' || string-join((fp:json-members($members), $facts, $named, fp:json-members($last)), ',') || '}'"/>
  </xsl:function>

  <!-- The members of a JSON object, as xml-to-json writes them, without the braces. -->
  <xsl:function name="fp:json-members" as="xs:string">
    <xsl:param name="members" as="element()*"/>
    <xsl:variable name="object" as="element(j:map)"><j:map><xsl:sequence select="$members"/></j:map></xsl:variable>
    <xsl:variable name="json" select="xml-to-json($object)"/>
    <xsl:sequence select="substring($json, 2, string-length($json) - 2)"/>
  </xsl:function>

  <!-- What a document's entry and the entries of its notes share: title, date, type,
       status, senders and addressees. -->
  <xsl:function name="fp:search-facts" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>
    <xsl:variable name="scalars" as="element()*">
      <j:string key="title">{f:title($tei)}</j:string>
      <j:string key="date">{f:iso($date)}</j:string>
      <!-- The last bound of a range, so that a date filter can test overlap. -->
      <j:string key="dateEnd">{string(($date/@when, $date/@to, $date/@notAfter, $date/@from, $date/@notBefore)[1])}</j:string>
      <j:string key="dateLabel">{if (exists($date)) then f:format-date($date) else ''}</j:string>
      <j:string key="type">{$tei/tei:text/@type}</j:string>
      <j:string key="typeLabel">{f:type-label($tei/tei:text/@type)}</j:string>
      <j:string key="status">{f:status($tei)}</j:string>
      <!-- The authority ids of who sent and who received it, for those filters. -->
      <j:array key="senders"><xsl:for-each select="distinct-values(f:parties($tei, 'sent') ! f:pointed-ids(.))"><j:string>{.}</j:string></xsl:for-each></j:array>
      <j:array key="addressees"><xsl:for-each select="distinct-values(f:parties($tei, 'received') ! f:pointed-ids(.))"><j:string>{.}</j:string></xsl:for-each></j:array>
    </xsl:variable>
    <xsl:sequence select="fp:json-members($scalars)"/>
  </xsl:function>

  <!-- The ids of the persons, places, organisations and events with these ids, each once,
       by name (then id), as the indices sort: the members "persons", "places",
       "organisations" and "events" of an entry (their names are the search page's,
       data-names). -->
  <xsl:function name="fp:named-json" as="xs:string">
    <xsl:param name="ids" as="xs:string*"/>
    <xsl:variable name="named" select="sort(
        fp:distinct-named(distinct-values($ids) ! fp:named(.)), (),
        function ($entry) { ($entry?key, $entry?id) })"/>
    <xsl:sequence select="string-join(for $index in ('persons', 'places', 'organisations', 'events')
        return '&quot;' || $index || '&quot;:[' || string-join($named[?index = $index] ! ?json, ',') || ']', ',')"/>
  </xsl:function>

  <!-- The person or place of the authority files with this id, as a map (id, index,
       sort key, JSON), or nothing: from a table made once per run. -->
  <xsl:function name="fp:named" as="map(*)?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$vp:search-named($id)"/>
  </xsl:function>

  <xsl:function name="fp:distinct-named" as="map(*)*">
    <xsl:param name="entries" as="map(*)*"/>
    <xsl:for-each-group select="$entries" group-by="?id">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <xsl:function name="fp:named-entry" as="map(*)">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="object" as="element(j:string)">
      <j:string>{$entry/@xml:id}</j:string>
    </xsl:variable>
    <xsl:sequence select="map {
        'id': string($entry/@xml:id),
        'index': f:index-of($entry),
        'key': lower-case(f:entry-name($entry)),
        'json': xml-to-json($object) }"/>
  </xsl:function>

  <!-- The persons, places, organisations and events of the authority files, by id. -->
  <xsl:variable name="vp:search-named" as="map(xs:string, map(*))">
    <xsl:map>
      <xsl:for-each-group select="$v:authority//(tei:person | tei:place | tei:org | tei:event)[@xml:id]" group-by="string(@xml:id)">
        <xsl:map-entry key="current-grouping-key()" select="fp:named-entry(.)"/>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <!-- The ids of the entries a text and its correspondence record point to (f:pointed-ids),
       in document order: from the file, or as its record keeps them. -->
  <xsl:function name="fp:pointed-ids" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="if ($tei/parent::c:record) then tokenize($tei/../c:pointers)
        else ($tei/tei:text//*[@ref or @key] | $tei/tei:teiHeader/tei:profileDesc/tei:correspDesc//*[@ref or @key])
          ! f:pointed-ids(.)"/>
  </xsl:function>

  <!-- Authority entries by name, as the index pages sort them; the id breaks ties. -->
  <xsl:function name="fp:sorted-entries" as="element()*">
    <xsl:param name="entries" as="element()*"/>
    <xsl:perform-sort select="$entries/.">
      <xsl:sort select="lower-case(f:entry-name(.))"/>
      <xsl:sort select="@xml:id"/>
    </xsl:perform-sort>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Plain text for the search index                           -->
  <!-- ======================================================= -->

  <!-- The running text of some TEI nodes in one line: blocks are kept apart by a space;
       notes are left out, because each note has an entry of its own. -->
  <xsl:function name="fp:plain-text" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <!-- Whether paragraphs (p, ab) are left out too: each is a passage of its own. -->
    <xsl:param name="outside-paragraphs" as="xs:boolean"/>
    <xsl:variable name="pieces" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="mp:plain-text">
        <xsl:with-param name="outside-paragraphs" select="$outside-paragraphs" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($pieces))"/>
  </xsl:function>

  <xsl:mode name="mp:plain-text" on-no-match="shallow-skip"/>

  <xsl:template match="text()" mode="mp:plain-text">
    <xsl:sequence select="string(.)"/>
  </xsl:template>

  <xsl:template match="*" mode="mp:plain-text">
    <xsl:variable name="block" select="local-name() = $vp:block-names"/>
    <xsl:sequence select="if ($block) then ' ' else ()"/>
    <xsl:apply-templates mode="mp:plain-text"/>
    <xsl:sequence select="if ($block) then ' ' else ()"/>
  </xsl:template>

  <xsl:template match="tei:lb | tei:cell | tei:item | tei:l" mode="mp:plain-text">
    <xsl:sequence select="' '"/>
    <xsl:apply-templates mode="mp:plain-text"/>
    <xsl:sequence select="' '"/>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab" mode="mp:plain-text" priority="1">
    <xsl:param name="outside-paragraphs" as="xs:boolean" tunnel="yes"/>
    <xsl:if test="not($outside-paragraphs)">
      <xsl:next-match/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note | tei:teiHeader | tei:facsimile | tei:standOff | tei:fw
      | comment() | processing-instruction()" mode="mp:plain-text"/>

</xsl:stylesheet>
