// Validates every object of a multi-document YAML stream (the file named by the first argument, else stdin) against the Kubernetes OpenAPI schemas that the
// kubernetes-models package ships (a current Kubernetes release). Prints one line per object; exits 1 on any error.
// Kinds outside the core API (CRDs such as ServiceMonitor, PrometheusRule) are reported as "skipped" for the caller.
"use strict";
const fs = require("fs");
const yaml = require("js-yaml");

// A processed OpenShift Template counts as its objects.
const docs = yaml.loadAll(fs.readFileSync(process.argv[2] || 0, "utf8")).filter((d) => d)
  .flatMap((d) => (d.kind === "Template" ? d.objects : [d]));
let failed = false;
for (const obj of docs) {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  const name = `${obj.kind}/${obj.metadata && obj.metadata.name}`;
  let Model;
  try {
    Model = require(`kubernetes-models/${group ? group + "/" : ""}${version}/${obj.kind}`)[obj.kind];
  } catch {
    console.log(`skipped ${obj.apiVersion} ${name}: no schema in kubernetes-models`);
    continue;
  }
  try {
    new Model(obj).validate();
    console.log(`valid ${obj.apiVersion} ${name}`);
  } catch (e) {
    failed = true;
    console.log(`INVALID ${obj.apiVersion} ${name}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
