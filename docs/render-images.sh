#!/usr/bin/env bash
# Regenerate the README's pictures with cjmrender itself.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m cjmrender render examples/running-shoes.yaml --id-prefix readme -o docs/images/running-shoes.svg
for theme in default dark print-mono high-contrast brand-example; do
  python -m cjmrender render examples/vi-telesales.yaml --theme "$theme" --width 1100 --lanes touchpoints,emotion,pains,metrics \
    --id-prefix "gallery-$theme" -o "docs/images/theme-$theme.svg"
done
python -m cjmrender render examples/mermaid-journey.mmd --id-prefix mermaid -o docs/images/mermaid-journey.svg
