<?xml version="1.0" encoding="UTF-8"?>
<!--
  functions.xsl: functions shared by the web and print editions.

  Public functions live in the f: namespace (urn:cables:functions), private helpers
  in fp: (urn:cables:functions:private). Nothing here produces output by itself.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:f="urn:cables:functions"
    xmlns:fp="urn:cables:functions:private"
    xmlns:v="urn:cables:variables"
    xmlns:vp="urn:cables:variables:private"
    xmlns:c="urn:cables:manifest"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:l="urn:cables:labels"
    xmlns:pg="urn:cables:pages"
    exclude-result-prefixes="#all">

  <!-- The manifest written by cables for this run: edition facts and the files of the corpus.
       Paths in it come from the edition configuration, never from a document. -->
  <xsl:param name="manifest" as="document-node()" required="yes"/>

  <!-- The edition's facts from the manifest (title, editors, base URL, licence...). -->
  <xsl:variable name="v:edition" as="element(c:edition)" select="$manifest/c:manifest/c:edition"/>

  <!-- Every parsed TEI file of the corpus, keyed by the manifest's file element. -->
  <xsl:variable name="v:documents" as="document-node()*"
      select="for $file in $manifest/c:manifest/c:file[@kind = 'document'] return doc($file/@href)"/>
  <!-- Every parsed authority file (registers of persons, places, organisations...). -->
  <xsl:variable name="v:authority" as="document-node()*"
      select="for $file in $manifest/c:manifest/c:file[@kind = 'authority'] return doc($file/@href)"/>
  <!-- Every parsed front-matter file (introduction, principles, abbreviations...). -->
  <xsl:variable name="v:front" as="document-node()*"
      select="for $file in $manifest/c:manifest/c:file[@kind = 'front'] return doc($file/@href)"/>

  <!-- The records of the documents (xslt/html/record.xsl), when a run builds the pages
       that list the whole corpus from them instead of reading every document: c:records
       with one c:record per document, whose tei:TEI skeleton stands for the document. -->
  <xsl:param name="records" as="document-node()?" select="()"/>

  <!-- The files a run reads besides those of the manifest (record.xsl's batch): c:files
       with one c:file per file (@href, @kind and @name, as in the manifest). -->
  <xsl:param name="files" as="document-node()?" select="()"/>
  <!-- The c:record elements of $records, none when the run reads the documents. -->
  <xsl:variable name="v:records" as="element(c:record)*" select="$records/c:records/c:record"/>

  <!-- Documents in date order (adopted date of sending, then id), the order of every list. -->
  <xsl:variable name="v:documents-in-order" as="element(tei:TEI)*">
    <xsl:perform-sort select="$v:documents/tei:TEI | $v:records[@kind = 'document']/tei:TEI">
      <xsl:sort select="f:sort-date(.)"/>
      <xsl:sort select="@xml:id"/>
    </xsl:perform-sort>
  </xsl:variable>

  <!-- Front matter in reading order: introduction, principles, abbreviations, then others. -->
  <xsl:variable name="v:front-in-order" as="element(tei:TEI)*">
    <xsl:variable name="order" select="('introduction', 'principles', 'abbreviations')"/>
    <xsl:perform-sort select="$v:front/tei:TEI">
      <xsl:sort select="(index-of($order, f:stem(.)), 99)[1]"/>
      <xsl:sort select="f:stem(.)"/>
    </xsl:perform-sort>
  </xsl:variable>

  <!-- Any element of a corpus file by its xml:id. -->
  <xsl:key name="f:by-id" match="*[@xml:id]" use="@xml:id"/>

  <!-- ======================================================= -->
  <!-- Labels                                                    -->
  <!-- ======================================================= -->

  <!-- Every word the stylesheets write that is not the corpus's own comes from a label
       table (common/labels.xml, English, documents each key): the edition's own table
       ([edition] labels, which cables passes as the manifest's c:edition/@labels) first,
       then the English one for the keys it leaves out. -->
  <xsl:variable name="vp:labels" as="map(xs:string, xs:string)" select="map:merge(
      (($v:edition/@labels[. != ''] ! doc(.)), doc('labels.xml'))/l:labels/l:label
        ! map { string(@key): string(.) },
      map { 'duplicates': 'use-first' })"/>

  <!-- The label of a key; a key no table has is a fault of the stylesheets. -->
  <xsl:function name="f:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($vp:labels($key),
        error(QName('urn:cables:functions', 'f:label'), 'no label has the key ' || $key))[1]"/>
  </xsl:function>

  <!-- The label of a key with {1}, {2}... replaced by the values given, in order. -->
  <xsl:function name="f:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="item()*"/>
    <xsl:sequence select="string-join(f:label-nodes($key, $values) ! string(.))"/>
  </xsl:function>

  <!-- The same, keeping the values as they are: an element given (a link, a <cite>) is
       placed where its number stands, between the label's words as text nodes. -->
  <xsl:function name="f:label-nodes" as="item()*">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="values" as="item()*"/>
    <xsl:analyze-string select="f:label($key)" regex="\{{([1-9])\}}">
      <xsl:matching-substring>
        <xsl:sequence select="$values[xs:integer(regex-group(1))]"/>
      </xsl:matching-substring>
      <xsl:non-matching-substring>
        <xsl:value-of select="."/>
      </xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:function>

  <!-- The label of a value of the encoding (a status, a text type, a note type...): the
       label whose key is the list's name and the value, "{$list}-{$value}" ('status',
       'summarised': status-summarised), when a label table has one; none otherwise. The
       label table is the one list of the values the stylesheets name in words (the ODD
       closes the lists, and tests/test_labels.py holds that each value has its label), so
       an edition names a value of its own by adding its key to its table. -->
  <xsl:function name="f:value-label" as="xs:string?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="$value[. != ''] ! $vp:labels($list || '-' || .)"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Inline scripts                                            -->
  <!-- ======================================================= -->

  <!-- The JSON text of a j:map/j:array tree, safe to write inside an HTML <script>: the
       one escaping rule for every inline script (cables.site.script_json is its Python
       twin). The HTML parser ends a script at "</script" and changes state at a comment opener and
       "<script" whatever JSON means, so < > & are written as \u003c \u003e \u0026;
       U+2028 and U+2029 end a line in older JavaScript parsers. These characters only
       occur inside JSON strings, where the escapes mean the very same characters. -->
  <xsl:function name="f:script-json" as="xs:string">
    <xsl:param name="json" as="element()"/>
    <xsl:sequence select="xml-to-json($json)
        => replace('&amp;', '\\u0026') => replace('&lt;', '\\u003c') => replace('&gt;', '\\u003e')
        => replace('&#x2028;', '\\u2028') => replace('&#x2029;', '\\u2029')"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Document facts                                            -->
  <!-- ======================================================= -->

  <!-- The adopted date of sending of a document (not the variants). -->
  <xsl:function name="f:sent-date" as="element(tei:date)?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="(f:actions($tei, 'sent')/tei:date[not(@type = 'variant')])[1]"/>
  </xsl:function>

  <!-- The other dates of sending a document records (tei:date[@type = 'variant']). -->
  <xsl:function name="f:variant-dates" as="element(tei:date)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="f:actions($tei, 'sent')/tei:date[@type = 'variant']"/>
  </xsl:function>

  <!-- The key documents are sorted by: the adopted date of sending (@when, else
       @notBefore, @from, @notAfter), "9999" when the document has none. -->
  <xsl:function name="f:sort-date" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="date" select="f:sent-date($tei)"/>
    <xsl:sequence select="string(($date/@when, $date/@notBefore, $date/@from, $date/@notAfter, '9999')[1])"/>
  </xsl:function>

  <!-- The title of a document. -->
  <xsl:function name="f:title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <!-- The main title, else the document's own (not the series' or journal's title that
         letters editions put first, nor a title that only holds a date), else the first. -->
    <xsl:variable name="titles" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="normalize-space(($titles[@type = 'main'], $titles[@level = 'a'],
        $titles[not(@level = ('s', 'j', 'm'))][not(@type = ('iso-date', 'sub', 'desc'))],
        $titles)[1])"/>
  </xsl:function>

  <!-- The short title of a document (title[@type = 'short']), else its title. -->
  <xsl:function name="f:short-title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space(($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type = 'short'],
        f:title($tei))[1])"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Senders, addressees and their places                      -->
  <!-- ======================================================= -->

  <!-- The one rule for who sent and who received a document, used by the home table, the
       record on the page, the printed record and the deposit crosswalks alike. TEI says
       the correspAction's @type ("sent", "received", also "transmitted", "redirected",
       "forwarded") gives the role of everything inside it, whatever the names' own @type:
       so a typed action decides. An action without @type has no role of its own: there a
       name that says its role (@role or @type "sender", "author", "addressee",
       "recipient"...) keeps it; else the first action of a correspDesc is the sending
       and any later one the receiving, the order in which TEI's examples give them. -->
  <xsl:function name="f:actions" as="element(tei:correspAction)*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction
        [if (@type) then @type = $action else fp:untyped-action(.) = $action]"/>
  </xsl:function>

  <xsl:function name="fp:untyped-action" as="xs:string">
    <xsl:param name="action" as="element(tei:correspAction)"/>
    <xsl:sequence select="if ($action/preceding-sibling::tei:correspAction) then 'received' else 'sent'"/>
  </xsl:function>

  <!-- The role a name states for itself, if any, in the words of correspAction/@type. -->
  <xsl:function name="fp:stated-role" as="xs:string?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="words" select="tokenize(lower-case(string-join(($name/@role, $name/@type), ' ')))"/>
    <xsl:sequence select="
        if ($words = ('sender', 'author', 'from', 'sent', 'absender', 'verfasser')) then 'sent'
        else if ($words = ('addressee', 'recipient', 'receiver', 'to', 'received', 'empfänger', 'adressat')) then 'received'
        else ()"/>
  </xsl:function>

  <!-- Which children of a correspAction name a party, and which a place: TEI's names
       (persName, orgName, name, rs) and places (placeName, settlement; a name or rs whose
       @type says place). -->
  <xsl:function name="fp:is-place" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="exists($name/(self::tei:placeName | self::tei:settlement))
        or exists($name/(self::tei:name | self::tei:rs)[@type = ('place', 'placeName', 'settlement', 'city', 'country')])"/>
  </xsl:function>

  <xsl:function name="fp:action-members" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="typed" select="f:actions($tei, $action)[@type]
        /(tei:persName | tei:orgName | tei:name | tei:rs | tei:placeName | tei:settlement)"/>
    <xsl:variable name="untyped" select="$tei/tei:teiHeader/tei:profileDesc/tei:correspDesc
        /tei:correspAction[not(@type)]
        /(tei:persName | tei:orgName | tei:name | tei:rs | tei:placeName | tei:settlement)
        [(fp:stated-role(.), fp:untyped-action(parent::*))[1] = $action]"/>
    <xsl:sequence select="$typed | $untyped"/>
  </xsl:function>

  <!-- The senders ('sent') or addressees ('received') of a document: persons,
       organisations and other names, in document order. -->
  <xsl:function name="f:parties" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:sequence select="fp:action-members($tei, $action)[not(fp:is-place(.))]"/>
  </xsl:function>

  <!-- The places of sending ('sent') or receiving ('received'). -->
  <xsl:function name="f:places" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:sequence select="fp:action-members($tei, $action)[fp:is-place(.)]"/>
  </xsl:function>

  <!-- A party or place in words: as written, or, for an empty element that only points
       (<persName ref="#p1"/>), the name of the entry it points to. In a record (a
       skeleton of the document, record-parts.xsl) the entry is the record's c:target. -->
  <xsl:function name="f:party-name" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="written" select="normalize-space($name)"/>
    <xsl:variable name="id" select="substring-after(tokenize($name/@ref)[1], '#')"/>
    <xsl:variable name="record" select="$name/ancestor::c:record"/>
    <xsl:variable name="entry" select="if ($written != '') then ()
        else if ($record and $id != '') then key('f:by-id', $id, $record)[1]
        else f:entry($name)"/>
    <xsl:sequence select="if ($written != '') then $written
        else if ($entry) then f:entry-name($entry)
        else string(($name/@ref, $name/@key, '?')[1])"/>
  </xsl:function>

  <!-- The parties of one kind in words ("not recorded" when there are none). -->
  <xsl:function name="f:party" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="names" select="f:parties($tei, $action)"/>
    <xsl:sequence select="if ($names) then string-join($names ! f:party-name(.), '; ') else f:label('not-recorded-inline')"/>
  </xsl:function>

  <!-- A document's number in the edition (TEI/@n: 1 to N in date order, see the
       document-number rule), "" when it has none. -->
  <xsl:function name="f:number" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space($tei/@n)"/>
  </xsl:function>

  <!-- How a reader cites a document: "no. 6" (label document-number), else, for a
       document without a number, its short title. -->
  <xsl:function name="f:document-label" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="number" select="f:number($tei)"/>
    <xsl:sequence select="if ($number) then f:label('document-number', $number) else f:short-title($tei)"/>
  </xsl:function>

  <!-- A document's title with its number in front ("No. 6: Report on...", label
       numbered-title; "no. 6: ..." with $inline, label numbered-title-inline, for the
       middle of a line), the title alone for a document without a number. -->
  <xsl:function name="f:numbered-title" as="xs:string">
    <xsl:param name="number" as="xs:string?"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="inline" as="xs:boolean"/>
    <xsl:sequence select="if (normalize-space($number) = '') then $title
        else f:label(if ($inline) then 'numbered-title-inline' else 'numbered-title', (normalize-space($number), $title))"/>
  </xsl:function>

  <!-- Which blocks of a text are its numbered paragraphs, for the web and print alike:
       every p and ab of the text's body and back, but not those inside a note (a note is
       cited by its own number), a list item, a table cell or a figure, nor a paragraph
       inside another one (a quoted letter's paragraphs belong to the paragraph that
       quotes it). Headings, verse lines, the header and the front of a text (its title
       page, cast list, argument) are not numbered. -->
  <xsl:function name="f:is-numbered-paragraph" as="xs:boolean">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="exists($block[self::tei:p or self::tei:ab][ancestor::tei:body or ancestor::tei:back])
        and empty($block/ancestor::*[self::tei:note or self::tei:p or self::tei:ab or self::tei:item
            or self::tei:cell or self::tei:figure or self::tei:front])"/>
  </xsl:function>

  <!-- The number of a numbered paragraph in its file, 1 for the first in reading order:
       the "4" of "¶ 4" and of the anchor "p4"; none for any other block. -->
  <xsl:function name="f:paragraph-number" as="xs:integer?">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="if (f:is-numbered-paragraph($block)) then $block ! accumulator-before('fp:paragraphs') else ()"/>
  </xsl:function>

  <!-- The numbered paragraph a node stands in (itself, or the one around the note or
       quotation it is in); none for a node outside every numbered paragraph. -->
  <xsl:function name="f:paragraph-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::*[self::tei:p or self::tei:ab][f:is-numbered-paragraph(.)])[1]"/>
  </xsl:function>

  <!-- How sure the editors are of a value (@cert), in words: "probable", "uncertain"...
       (labels certainty-medium, certainty-low, certainty-unknown); none when the value
       is certain or carries no @cert. Shown wherever the value appears. -->
  <xsl:function name="f:certainty" as="xs:string?">
    <xsl:param name="element" as="element()?"/>
    <xsl:sequence select="f:value-label('certainty', normalize-space($element/@cert))"/>
  </xsl:function>

  <!-- The status code of a document (revisionDesc/@status), "" when it has none. -->
  <xsl:function name="f:status" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="string($tei/tei:teiHeader/tei:revisionDesc/@status)"/>
  </xsl:function>

  <!-- Readers see statuses in words, not codes: the edition's own statuses in its words,
       any other value (TEI suggests "approved", "draft", "published"...) as written. -->
  <xsl:function name="f:status-label" as="xs:string">
    <xsl:param name="status" as="xs:string"/>
    <xsl:sequence select="(f:value-label('status', $status), $status[normalize-space(.) != ''] ! fp:in-words(.),
        f:label('status-not-recorded'))[1]"/>
  </xsl:function>

  <!-- A code in words: "partly-read" becomes "Partly read". -->
  <xsl:function name="fp:in-words" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="words" select="normalize-space(replace($code, '[-_]', ' '))"/>
    <xsl:sequence select="upper-case(substring($words, 1, 1)) || substring($words, 2)"/>
  </xsl:function>

  <!-- A text type in words: the label type-{type} for the edition's own types, any other
       value in words, "not recorded" when there is none. -->
  <xsl:function name="f:type-label" as="xs:string">
    <xsl:param name="type" as="xs:string?"/>
    <xsl:sequence select="(f:value-label('type', $type), $type[normalize-space(.) != ''] ! fp:in-words(.),
        f:label('not-recorded-inline'))[1]"/>
  </xsl:function>

  <!-- A classification mark in words: the label classification-{mark} for the edition's
       own marks, any other value in words, "not recorded" when there is none. -->
  <xsl:function name="f:classification-label" as="xs:string">
    <xsl:param name="mark" as="xs:string?"/>
    <xsl:sequence select="(f:value-label('classification', $mark), $mark[normalize-space(.) != ''] ! fp:in-words(.),
        f:label('not-recorded-inline'))[1]"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- What the documents hold: the rows of records, the labels   -->
  <!-- ======================================================= -->

  <!-- The kinds of information a document's header holds, each the name of a row of its
       record (web and print) or a column of the home table. A row or column appears only
       when the corpus holds that kind of information ($v:corpus-holds); a document that
       lacks what others have says so in its row, once. -->
  <xsl:function name="f:holds" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="header" select="$tei/tei:teiHeader"/>
    <xsl:sequence select="
        ('date')[exists(f:sent-date($tei))],
        ('parties')[exists((f:parties($tei, 'sent'), f:parties($tei, 'received')))],
        ('places')[exists((f:places($tei, 'sent'), f:places($tei, 'received')))],
        ('type')[normalize-space($tei/tei:text/@type) != ''],
        ('classification')[exists($header//tei:note[@type = 'classification'])],
        ('serial')[exists($header//tei:idno[@type = 'serial'])],
        ('repository')[exists($header//tei:msIdentifier/(tei:repository | tei:idno))],
        ('source')[exists($header//tei:sourceDesc/(tei:bibl | tei:p[normalize-space(.) != '']))],
        ('languages')[exists($header//tei:langUsage/tei:language)],
        ('status')[normalize-space($header/tei:revisionDesc/@status) != '']"/>
  </xsl:function>

  <!-- What the whole corpus holds: cables writes it into the manifest (@holds, from every
       document's facts) for runs that see only some documents; else the documents and
       records at hand tell. -->
  <xsl:variable name="v:corpus-holds" as="xs:string*" select="
      if ($manifest/c:manifest/@holds) then tokenize($manifest/c:manifest/@holds)
      else distinct-values(($v:documents/tei:TEI ! f:holds(.), $v:records/@holds ! tokenize(.)))"/>

  <!-- The heading of a document's text, from what the document says it is:
       - "The edition's summary" when the text has a div of type "summary" (the shipped
         edition: its texts are the editors' summaries of documents read in translation);
       - "Transcription" when the header describes the manuscript the text is taken from
         (an msDesc in sourceDesc, also within a witness) and nothing marks the text as
         a translation (text or div of type "translation", a bibl or note of type
         "translation" in sourceDesc);
       - "Text" otherwise (printed sources, born-digital texts, translations). -->
  <xsl:function name="f:text-label" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="f:label('text-' || f:text-kind($tei))"/>
  </xsl:function>

  <!-- What a document's text is: 'summary', 'transcription' or 'text' (f:text-label). -->
  <xsl:function name="f:text-kind" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="source" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="translated" select="$tei/tei:text[@type = 'translation']
        | $tei/tei:text//tei:div[@type = 'translation']
        | $source//(tei:bibl | tei:biblStruct | tei:note)[@type = 'translation']"/>
    <xsl:sequence select="
        if ($tei/tei:text//tei:div[@type = 'summary']) then 'summary'
        else if ($source//tei:msDesc and empty($translated)) then 'transcription'
        else 'text'"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Dates                                                     -->
  <!-- ======================================================= -->

  <!-- An ISO date of year, month or day precision in words: "9 May 1963". -->
  <xsl:function name="f:format-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:variable name="parts" select="tokenize($iso, '-')"/>
    <xsl:variable name="month" select="$parts[2] ! f:label('month-' || xs:integer(.))"/>
    <xsl:sequence select="
        if (empty($iso) or $iso = '') then ''
        else if (count($parts) = 1) then $iso
        else if (count($parts) = 2) then f:label('date-month', ($month, $parts[1]))
        else f:label('date-day', (xs:integer($parts[3]), $month, $parts[1]))"/>
  </xsl:function>

  <!-- A TEI date element in words, ranges and uncertainty included. -->
  <xsl:function name="f:format-date" as="xs:string">
    <xsl:param name="date" as="element()?"/>
    <xsl:variable name="text" select="
        if (empty($date)) then f:label('date-not-recorded')
        else if ($date/@when) then f:format-iso($date/@when)
        else if ($date/@from and $date/@to) then f:label('date-range', (f:format-iso($date/@from), f:format-iso($date/@to)))
        else if ($date/@notBefore and $date/@notAfter) then f:label('date-between', (f:format-iso($date/@notBefore), f:format-iso($date/@notAfter)))
        else if ($date/@notBefore) then f:label('date-not-before', f:format-iso($date/@notBefore))
        else if ($date/@notAfter) then f:label('date-not-after', f:format-iso($date/@notAfter))
        else normalize-space($date)"/>
    <xsl:sequence select="if ($date/@cert = ('low', 'unknown')) then f:label('date-uncertain', $text) else $text"/>
  </xsl:function>

  <!-- The ISO form for a machine (<time datetime>, citation meta): the first bound, of
       the element or of a date inside it (<birth><date when="1863-07-19"/></birth>). -->
  <xsl:function name="f:iso" as="xs:string">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="string(($date/@when, $date/@from, $date/@notBefore, $date/@notAfter,
        $date/tei:date/(@when, @from, @notBefore, @notAfter))[1])"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- Pointers and authority entries                            -->
  <!-- ======================================================= -->

  <!-- The element a pointer designates, by TEI's rules, as `cables check` reads it
       (src/cables/pointers.py is the Python twin; keep the two in step):
       - "pfx:value" with a prefixDef of that @ident in the header of the pointer's file:
         its expansion (matchPattern on the value, replacementPattern), read as below;
       - another URI scheme ("https:"): a link out of the edition, no element;
       - "#id": the element with that xml:id in the pointer's own file, else the entry
         with that id in the registers (the authority files, or [corpus] registers);
       - "path#id": that element of that file, the path relative to the pointer's file;
       - anything else ("118", "fol.") is no pointer.
       $context is the node that carries the pointer: its file and base URI decide. In a
       document's record (record.xsl), the record's skeleton stands for the file. Each call
       costs a few map and key lookups, whatever the size of the corpus. -->
  <xsl:function name="f:resolve" as="element()?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="context" as="node()?"/>
    <xsl:variable name="expanded" select="fp:expand($pointer, $context)"/>
    <xsl:variable name="id" select="substring-after($expanded, '#')"/>
    <xsl:variable name="file" select="substring-before($expanded, '#')"/>
    <xsl:sequence select="
        if ($id = '' or matches($expanded, '^[A-Za-z][A-Za-z0-9+.\-]*:')) then ()
        else if ($file = '') then
          (if (exists($context)) then key('f:by-id', $id, fp:scope($context))[1] else (),
           f:register-entry($id))[1]
        else if (empty($context)) then ()
        else fp:file($file, $context) ! key('f:by-id', $id, .)[1]"/>
  </xsl:function>

  <!-- The entry of the registers with this xml:id (the first register that has it): what
       "#id" falls back on, and what @key names. -->
  <xsl:function name="f:register-entry" as="element()?">
    <xsl:param name="id" as="xs:string?"/>
    <xsl:sequence select="if ($id) then $vp:register-of-id($id) ! key('f:by-id', $id, .)[1] else ()"/>
  </xsl:function>

  <!-- The authority entry a name designates: its first @ref, else its @key (TEI
       att.canonical: the xml:id of a register entry; names only, as `cables check`). -->
  <xsl:function name="f:entry" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="(f:resolve(tokenize($name/@ref)[1], $name),
        if (local-name($name) = $vp:key-elements) then f:register-entry(tokenize($name/@key)[1]) else ())[1]"/>
  </xsl:function>

  <!-- The ids of what an element's @ref (and a name's @key) designate: the indices and
       records count mentions by them. A pointer that leads nowhere counts by its id part. -->
  <xsl:function name="f:pointed-ids" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="(tokenize($element/@ref) ! (f:resolve(., $element)/@xml:id, substring-after(., '#')[. != ''])[1] ! string(.),
        if (local-name($element) = $vp:key-elements)
        then tokenize($element/@key) ! (f:register-entry(.)/@xml:id ! string(.), .)[1] else ())"/>
  </xsl:function>

  <!-- The names whose @key names a register entry (rules.KEY_ELEMENTS in Python). -->
  <xsl:variable name="vp:key-elements" as="xs:string+" select="('persName', 'placeName',
      'orgName', 'rs', 'name', 'settlement', 'country', 'region', 'geogName', 'district',
      'bloc', 'eventName', 'objectName')"/>

  <!-- A pointer with its prefix expanded by the prefixDef of its file's header, when one
       of that @ident matches; the pointer itself otherwise. -->
  <xsl:key name="fp:prefix-def" match="tei:teiHeader//tei:prefixDef[@matchPattern][@replacementPattern]" use="@ident"/>
  <xsl:function name="fp:expand" as="xs:string">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="context" as="node()?"/>
    <xsl:variable name="ident" select="substring-before($pointer, ':')"/>
    <xsl:variable name="value" select="substring-after($pointer, ':')"/>
    <xsl:variable name="definition" select="if ($ident castable as xs:NCName and exists($context))
        then key('fp:prefix-def', $ident, root($context))[matches($value, '^' || @matchPattern || '$')][1]
        else ()"/>
    <xsl:sequence select="if ($definition)
        then replace($value, '^' || $definition/@matchPattern || '$', $definition/@replacementPattern)
        else string($pointer)"/>
  </xsl:function>

  <!-- Where "#id" is looked for first: the pointer's file, or the record standing for it. -->
  <xsl:function name="fp:scope" as="node()">
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="($context/ancestor-or-self::c:record/tei:TEI, root($context))[1]"/>
  </xsl:function>

  <!-- The corpus file (or the record standing for it) a relative path names from the
       file of $context. -->
  <xsl:function name="fp:file" as="node()?">
    <xsl:param name="path" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="$vp:file-by-uri(fp:uri-key(resolve-uri($path, base-uri($context))))"/>
  </xsl:function>

  <!-- One spelling for the URIs of files, whichever function wrote them. -->
  <xsl:function name="fp:uri-key" as="xs:string">
    <xsl:param name="uri" as="xs:anyURI?"/>
    <xsl:sequence select="iri-to-uri(replace(string($uri), '^file:/+', 'file:///'))"/>
  </xsl:function>

  <!-- The corpus files by URI, and the records (their skeletons) of documents not read in
       this run: built once per run, so that resolving a pointer is one lookup. -->
  <xsl:variable name="vp:file-by-uri" as="map(xs:string, node())" select="
      map:merge((
        for $file in ($v:authority, $v:front, $v:documents) return map { fp:uri-key(document-uri($file)): $file },
        for $tei in $v:records/tei:TEI return map { fp:uri-key(base-uri($tei)): $tei }),
        map { 'duplicates': 'use-first' })"/>

  <!-- The registers, in order: those the manifest names ([corpus] registers), else every
       authority file; and which register holds each id (the first). -->
  <xsl:variable name="vp:registers" as="document-node()*" select="
      if ($manifest/c:manifest/c:register)
      then $manifest/c:manifest/c:register ! $vp:file-by-uri(fp:uri-key(@href))[. instance of document-node()]
      else $v:authority"/>
  <xsl:variable name="vp:register-of-id" as="map(xs:string, document-node())" select="
      map:merge(
        for $file in $vp:registers return for $id in $file//@xml:id return map { string($id): $file },
        map { 'duplicates': 'use-first' })"/>

  <!-- Links from TEI may only use http, https, mailto, or stay relative inside the site. -->
  <xsl:function name="f:is-safe-url" as="xs:boolean">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="exists($url) and (matches($url, '^(https?|mailto):', 'i')
        or not(matches($url, '^[A-Za-z][A-Za-z0-9+.\-]*:')))"/>
  </xsl:function>

  <!-- Whether a URL leads out of the site (http, https or mailto). -->
  <xsl:function name="f:is-external" as="xs:boolean">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="matches($url, '^(https?|mailto):', 'i')"/>
  </xsl:function>

  <!-- The main name of an authority entry. -->
  <xsl:function name="f:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="normalize-space((
        $entry/(tei:persName | tei:placeName | tei:orgName)[not(@type) and not(@xml:lang) or @xml:lang = 'en'],
        $entry/(tei:persName | tei:placeName | tei:orgName),
        $entry/tei:label, $entry/tei:title, $entry)[1])"/>
  </xsl:function>

  <!-- A one-line description of an authority entry, for hover text and index lines, in
       words (see f:entry-description-nodes). -->
  <xsl:function name="f:entry-description" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="string-join(f:entry-description-nodes($entry) ! string(.))"/>
  </xsl:function>

  <!-- The same as HTML: its parts separated by "; ", each name or word in a language other
       than the edition's a span with its lang (f:text-in-language), so that a reader's
       browser and screen reader render and pronounce the Chinese name as Chinese.
       Cached (cache="yes"): the pages of a run describe the same entries many times over. -->
  <xsl:function name="f:entry-description-nodes" as="node()*" cache="yes">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="fp:joined-parts(fp:description-parts($entry))"/>
  </xsl:function>

  <!-- The same without its first part, the entry's name: what an index line sets apart
       from the name it is headed by. -->
  <xsl:function name="f:entry-particulars-nodes" as="node()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="fp:joined-parts(fp:description-parts($entry)[position() > 1])"/>
  </xsl:function>

  <!-- The parts of an entry's description, each an fp:part: its name, the name in the
       original script, life dates, occupations, country, date, abbreviation. -->
  <xsl:function name="fp:description-parts" as="element(fp:part)*" expand-text="yes">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="main" select="f:entry-name($entry)"/>
    <xsl:variable name="named" select="($entry/(tei:persName | tei:placeName | tei:orgName | tei:label | tei:title)
        [normalize-space(.) = $main], $entry)[1]"/>
    <xsl:variable name="original" select="$entry/(tei:persName | tei:placeName | tei:orgName)[@xml:lang and @xml:lang != 'en']"/>
    <xsl:variable name="parts" as="element(fp:part)*">
      <fp:part><xsl:sequence select="f:text-in-language($named)"/></fp:part>
      <xsl:for-each select="$original">
        <fp:part><xsl:sequence select="f:text-in-language(.)"/></fp:part>
      </xsl:for-each>
      <!-- Life dates as years ("1918–1970"), as indices and reference works give them,
           whether the source records the day or only the year. -->
      <xsl:if test="$entry/tei:birth or $entry/tei:death">
        <fp:part>{fp:life-year($entry/tei:birth) || '–' || fp:life-year($entry/tei:death)}</fp:part>
      </xsl:if>
      <xsl:for-each select="$entry/tei:occupation">
        <fp:part><xsl:sequence select="f:text-in-language(.)"/></fp:part>
      </xsl:for-each>
      <xsl:if test="$entry/self::tei:place">
        <xsl:for-each select="$entry/tei:country">
          <fp:part><xsl:sequence select="f:text-in-language(.)"/></fp:part>
        </xsl:for-each>
      </xsl:if>
      <!-- An event's date; an undated event has none (f:format-date would give its whole
           text, name and notes, as the date). -->
      <xsl:if test="$entry/self::tei:event[@when | @from | @to | @notBefore | @notAfter]">
        <fp:part>{f:format-date($entry)}</fp:part>
      </xsl:if>
      <xsl:if test="$entry/self::tei:org">
        <xsl:for-each select="($entry/tei:orgName[@type = ('abbreviation', 'period', 'modern')])[1]">
          <fp:part><xsl:sequence select="f:text-in-language(.)"/></fp:part>
        </xsl:for-each>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="$parts[string(.) != '']"/>
  </xsl:function>

  <!-- The year of a birth or death ("1918" for 1918-03-21), "?" when none is recorded. -->
  <xsl:function name="fp:life-year" as="xs:string">
    <xsl:param name="event" as="element()?"/>
    <xsl:sequence select="(replace(f:iso($event), '^(-?[0-9]+).*$', '$1'), '?')[. != ''][1]"/>
  </xsl:function>

  <!-- Description parts joined by "; ", copied without the namespaces of the fp:part
       holding them, which HTML forbids. -->
  <xsl:function name="fp:joined-parts" as="node()*">
    <xsl:param name="parts" as="element(fp:part)*"/>
    <xsl:for-each select="$parts">
      <xsl:if test="position() > 1"><xsl:text>; </xsl:text></xsl:if>
      <xsl:copy-of select="node()" copy-namespaces="no"/>
    </xsl:for-each>
  </xsl:function>

  <!-- An element's text, space normalised, as an HTML span with its lang when the language
       in force there (its own or an ancestor's xml:lang) is not the edition's; else as
       plain text. -->
  <xsl:function name="f:text-in-language" as="node()" expand-text="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="lang" select="string(($element/ancestor-or-self::*/@xml:lang)[last()])"/>
    <xsl:choose>
      <xsl:when test="$lang != '' and $lang != $v:edition/@language">
        <span xmlns="http://www.w3.org/1999/xhtml" lang="{$lang}">{normalize-space($element)}</span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space($element)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The entries a document describes itself (particDesc/listPerson, settingDesc/listPlace,
       lists in its back...): registers like the authority files, each entry shown in the
       indices with the document as its place of mention. -->
  <xsl:function name="f:register-entries" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei//(tei:listPerson/tei:person | tei:listPlace/tei:place
        | tei:listOrg/tei:org | tei:listEvent/tei:event)[@xml:id][not(ancestor::c:register)]"/>
  </xsl:function>

  <!-- Whether an entry belongs to a document's own register rather than an authority file:
       its ids are the document's, so its index anchor carries the document's name. -->
  <xsl:function name="fp:is-document-entry" as="xs:boolean">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="exists($entry/ancestor::c:register)
        or map:contains($vp:document-roots, generate-id(root($entry)))"/>
  </xsl:function>

  <!-- The documents read in this run, and with them the front matter, by the ids of their
       document nodes: whether a node stands in one is one lookup, not a scan of the batch. -->
  <xsl:variable name="vp:document-roots" as="map(xs:string, xs:boolean)"
      select="map:merge($v:documents ! map { generate-id(.): true() })"/>
  <xsl:variable name="vp:text-roots" as="map(xs:string, xs:boolean)"
      select="map:merge(($v:documents, $v:front) ! map { generate-id(.): true() })"/>

  <!-- The anchor of an entry in its index page: its id, prefixed by the name of the
       document for an entry of a document's own register (ids repeat across documents). -->
  <xsl:function name="f:entry-anchor" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if (fp:is-document-entry($entry))
        then f:stem(f:document-of($entry)) || '-' || $entry/@xml:id
        else string($entry/@xml:id)"/>
  </xsl:function>

  <!-- ======================================================= -->
  <!-- The pages of the web edition                              -->
  <!-- ======================================================= -->

  <!-- The pages of the web edition (common/pages.xml), in the order of the sitemap: the one
       list that the template "site", the navigation bar, the sitemap, f:index-of, f:site-page
       and cables' Python code read. -->
  <xsl:variable name="vp:site-pages" as="element(pg:page)+" select="doc('pages.xml')/pg:pages/pg:page"/>

  <!-- The page of each kind of entry and the file of each page, by name. -->
  <xsl:variable name="vp:page-of-entry" as="map(xs:string, xs:string)"
      select="map:merge($vp:site-pages[@entries] ! map { string(@entries): string(@name) })"/>
  <xsl:variable name="vp:page-files" as="map(xs:string, xs:string)"
      select="map:merge($vp:site-pages[@file] ! map { string(@name): string(@file) })"/>

  <!-- The file of a page of the web edition by its name in common/pages.xml ('persons' is
       "persons.html"); a name the list does not have is a fault of the stylesheets. -->
  <xsl:function name="f:site-page" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="($vp:page-files($name),
        error(QName('urn:cables:functions', 'f:site-page'), 'no page has the name ' || $name))[1]"/>
  </xsl:function>

  <!-- Which page lists an authority entry (an index, the bibliography), by its name in
       common/pages.xml; none for an element no page lists. -->
  <xsl:function name="f:index-of" as="xs:string?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:sequence select="$entry/self::tei:* ! $vp:page-of-entry(local-name())"/>
  </xsl:function>

  <!-- Counts in document order, for numbering paragraphs, mentions and notes. Saxon counts
       each document once, when first asked, so a number costs the same in a document of
       ten paragraphs or of fifty thousand (counting preceding:: nodes made pages quadratic).
       Each value counts the elements begun up to the node: itself and its ancestors too. -->
  <xsl:accumulator name="fp:paragraphs" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:p[f:is-numbered-paragraph(.)] | tei:ab[f:is-numbered-paragraph(.)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="fp:mentions" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:name" select="$value + 1"/>
  </xsl:accumulator>
  <!-- Notes of a text, numbered once for web and print alike, in the order a reader meets
       their calls: a note is called where it stands, or by the first pointer to it in its
       text outside every note (fp:carrier: <ptr target="#n1"/> into a division of notes).
       A note within a note comes right after the note it is in. -->
  <xsl:accumulator name="fp:note-calls" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:note[empty(fp:carrier(.))]" select="$value + 1"/>
    <xsl:accumulator-rule match="tei:text//tei:ptr[fp:carries-note(.)] | tei:text//tei:ref[fp:carries-note(.)]"
        select="$value + 1"/>
  </xsl:accumulator>

  <!-- The number of a note: its place among the note calls of its text. -->
  <xsl:function name="f:note-number" as="xs:integer">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="call" select="(fp:carrier($note), $note)[1]"/>
    <xsl:sequence select="if ($note/ancestor::tei:text)
        then $call ! accumulator-before('fp:note-calls')
        else $note ! accumulator-before('fp:note-calls') + 1"/>
  </xsl:function>

  <!-- The note of its own text a pointer leads to, if it leads to one ("#id"). -->
  <xsl:function name="fp:pointed-note" as="element(tei:note)?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="target" select="tokenize($pointer/@target)[1]"/>
    <xsl:sequence select="if (starts-with($target, '#'))
        then key('f:by-id', substring($target, 2), fp:scope($pointer))
            [self::tei:note][ancestor::tei:text][f:document-of(.) is f:document-of($pointer)][1]
        else ()"/>
  </xsl:function>

  <!-- The pointer that shows a note: the first in its text outside every note. A note
       no pointer shows this way is shown where it stands. -->
  <xsl:key name="fp:pointers" match="tei:text//tei:ptr[@target] | tei:text//tei:ref[@target]"
      use="tokenize(@target)[1][starts-with(., '#')] ! substring(., 2)"/>

  <xsl:function name="fp:carrier" as="element()?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if ($note/@xml:id)
        then key('fp:pointers', string($note/@xml:id), fp:scope($note))
            [not(ancestor::tei:note)][f:document-of(.) is f:document-of($note)][1]
        else ()"/>
  </xsl:function>

  <xsl:function name="fp:carries-note" as="xs:boolean">
    <xsl:param name="pointer" as="element()"/>
    <xsl:variable name="note" select="fp:pointed-note($pointer)"/>
    <xsl:sequence select="exists($note) and $pointer is fp:carrier($note)"/>
  </xsl:function>

  <!-- The document (TEI root) an element belongs to. -->
  <xsl:function name="f:document-of" as="element(tei:TEI)">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($node/ancestor-or-self::tei:TEI)[1]"/>
  </xsl:function>

  <!-- The name the outputs of a corpus file are made from (page <stem>.html, PDF
       doc-<stem>.pdf; its source is published at its path in the project, as
       cables.corpus.published_name gives it): the @name cables gives its c:file, which is its
       path inside its corpus folder, folders joined by "-" (cables.corpus.output_stem);
       its file name without ".xml" for a file no c:file names. -->
  <xsl:function name="f:stem" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="uri" select="string(document-uri(root($tei)))"/>
    <xsl:sequence select="if ($tei/parent::c:record) then string($tei/parent::c:record/@stem)
        else (($manifest, $files) ! key('fp:file-by-href', $uri, .)/@name ! string(.),
              replace(tokenize($uri, '/')[last()], '\.xml$', ''))[1]"/>
  </xsl:function>

  <xsl:key name="fp:file-by-href" match="c:file" use="@href"/>

  <!-- ======================================================= -->
  <!-- Entity pages                                              -->
  <!-- ======================================================= -->

  <!-- The folder of the pages of each kind of entry (common/pages.xml, @each="entry"). -->
  <xsl:variable name="vp:entity-folders" as="map(xs:string, xs:string)"
      select="map:merge($vp:site-pages[@each = 'entry'] ! map { string(@of): string(@folder) })"/>

  <!-- The entries of the authority files that have a page of their own, by xml:id (the
       first of an id): persons, places, organisations and events of their lists. An
       entry of a document's own register has none (its ids are the document's). -->
  <xsl:variable name="v:entity-entries" as="map(xs:string, element())" select="map:merge(
      for $entry in $v:authority//tei:*[@xml:id][map:contains($vp:entity-folders, local-name())]
          [starts-with(local-name(..), 'list')]
      return map { string($entry/@xml:id): $entry }, map { 'duplicates': 'use-first' })"/>

  <!-- The site-relative path of the page of the entry with this xml:id
       ("persons/pers-khrushchev.html"); none when no authority entry has the id. The web
       edition links every mention of an entry there (f:entry-href). -->
  <xsl:function name="f:entity-page" as="xs:string?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$v:entity-entries($id) ! ($vp:entity-folders(local-name()) || '/' || $id || '.html')"/>
  </xsl:function>

  <!-- Where a link to an entry leads: in the web edition ($output 'html') its own page
       when it has one, else its line in the page that lists it (f:index-of, with its
       anchor f:entry-anchor); none for an entry no page lists. Print keeps the latter. -->
  <xsl:function name="f:entry-href" as="xs:string?">
    <xsl:param name="entry" as="element()?"/>
    <xsl:param name="output" as="xs:string"/>
    <xsl:variable name="own" select="$entry[@xml:id][$output = 'html']
        [$v:entity-entries(string(@xml:id)) is .] ! f:entity-page(string(@xml:id))"/>
    <xsl:sequence select="($own, f:index-of($entry) ! (f:site-page(.) || '#' || f:entry-anchor($entry)))[1]"/>
  </xsl:function>

</xsl:stylesheet>
