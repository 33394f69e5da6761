"""The records for harvesters and DOI-issuing repositories, written into build/deposit/.

xslt/deposit/aggregators.xsl makes oai_dc/, oai/static-repository.xml, datacite.xml and
CITATION.cff from the same facts as the MODS and DC records; this module only runs it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cables.transform import ParameterValue, Stylesheets

AGGREGATORS_STYLESHEET = "deposit/aggregators.xsl"


def write_aggregator_records(
    stylesheets: Stylesheets, parameters: Mapping[str, ParameterValue], output: Path
) -> None:
    """Write the oai_dc records, the static repository, DataCite and CITATION.cff.

    `parameters` are those of the deposit's "records" run (manifest, licence scope). The
    OAI-PMH static repository needs a Gateway and an administrator's address, which
    edition.toml does not record yet: without them it is not written.
    """
    stylesheets.run(
        AGGREGATORS_STYLESHEET, template="aggregators", parameters=parameters, output_base=output
    )
