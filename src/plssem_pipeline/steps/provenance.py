"""Rule `provenance`: results/provenance.json, the manifest of the whole run (the DAG's last rule)."""
from __future__ import annotations

from pathlib import Path

from ..audit import manifest, provenance


def main(smk, log):
    data = manifest.build_manifest(
        root=Path.cwd(), manifest_path=smk.output.manifest, inputs=smk.params.inputs,
        declared_outputs=list(smk.input), config=smk.params.config, config_files=smk.params.config_files,
        seed=smk.params.seed, fingerprints={"engine": smk.params.engine, "pipeline": smk.params.pipeline},
        exclude=smk.params.exclude)
    files = data["files"]
    log.info("hashed %d inputs, %d code files, %d outputs, %d other files; git: %s",
             len(files["inputs"]), len(files["code"]), len(files["outputs"]), len(files["other"]),
             data["git"].get("commit") or data["git"].get("reason"))
    provenance.write_json(data, smk.output.manifest)
