"""Reading what a page tells machines."""

import json


def json_ld(response) -> dict:
    """The page's (first) JSON-LD block, parsed."""
    block = response.content.decode().split('<script type="application/ld+json">')[1]
    return json.loads(block.split("</script>")[0])
