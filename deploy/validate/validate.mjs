// Renders each kustomization in deploy/ with `kubectl kustomize` and validates every manifest against
// the Kubernetes (kubernetes-models), Knative (@kubernetes-models/knative) and Prometheus operator
// (@kubernetes-models/prometheus-operator) JSON schemas, then checks what a schema cannot: every
// NetworkPolicy lets the pods reach HTTPS outside the cluster (plex.tv, an external JWKS), and the
// Grafana dashboard is JSON with a query in every panel.
// Exits 1 on any schema or check error, on a kind with no model, or when rendering fails.
//   node validate.mjs            (from deploy/validate; deploy/validate.sh installs and runs it)
import { execFileSync } from "node:child_process";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const deployDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const targets = ["overlays/dev", "overlays/prod", "knative"];

// apiVersion "group/version" (or "version" for the core group) -> the module that exports its kinds.
// Knative classes live at e.g. @kubernetes-models/knative/serving.knative.dev/v1 (Service).
function modulePath(apiVersion) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "knative.dev" || group.endsWith(".knative.dev")) {
    return `@kubernetes-models/knative/${group}/${version}`;
  }
  if (group === "monitoring.coreos.com") {
    return `@kubernetes-models/prometheus-operator/${group}/${version}`;
  }
  return group === "" ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

async function modelFor(apiVersion, kind) {
  let mod;
  try {
    mod = await import(modulePath(apiVersion));
  } catch {
    return undefined;
  }
  const Model = mod[kind];
  // Only a top-level resource class counts (not, say, a nested spec type of the same name).
  return Model && Model.apiVersion === apiVersion && Model.kind === kind ? Model : undefined;
}

// kustomize wraps long base64 values of generated Secrets over several lines; the API server's base64
// decoder skips line breaks, the schema's "byte" format does not. Join the lines, keep any other error.
function normaliseSecretData(obj) {
  if (obj.apiVersion !== "v1" || obj.kind !== "Secret" || obj.data == null || typeof obj.data !== "object") return;
  for (const [key, value] of Object.entries(obj.data)) {
    if (typeof value === "string") obj.data[key] = value.replace(/[\r\n]/g, "");
  }
}

// redeem_token_authenticated asks plex.tv over HTTPS; a policy without that egress makes it answer 502.
function checkNetworkPolicy(obj) {
  const egress = obj.spec?.egress ?? [];
  const https = egress.some((rule) =>
    (rule.ports ?? []).some((p) => p.port === 443 && (p.protocol ?? "TCP") === "TCP") &&
    (rule.to ?? [{ ipBlock: { cidr: "0.0.0.0/0" } }]).some((peer) => peer.ipBlock?.cidr === "0.0.0.0/0"));
  return https ? [] : ["egress allows no TCP 443 to addresses outside the cluster (plex.tv, JWKS)"];
}

// The dashboard sidecar loads any ConfigMap labelled grafana_dashboard; a broken JSON loads nothing.
function checkDashboard(obj) {
  if (obj.metadata?.labels?.grafana_dashboard !== "1") return [];
  const problems = [];
  for (const [file, text] of Object.entries(obj.data ?? {})) {
    let dashboard;
    try {
      dashboard = JSON.parse(text);
    } catch (e) {
      problems.push(`${file}: not JSON (${e.message})`);
      continue;
    }
    for (const panel of dashboard.panels ?? []) {
      if (!(panel.targets ?? []).every((t) => typeof t.expr === "string" && t.expr.length > 0) || (panel.targets ?? []).length === 0) {
        problems.push(`${file}: panel "${panel.title}" has no query`);
      }
    }
  }
  return problems;
}

const checks = { NetworkPolicy: checkNetworkPolicy, ConfigMap: checkDashboard };

let failed = false;
for (const target of targets) {
  const dir = join(deployDir, target);
  const name = relative(deployDir, dir);
  let rendered;
  try {
    rendered = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    console.error(`FAIL ${name}: kubectl kustomize failed\n${e.stderr || e.message}`);
    failed = true;
    continue;
  }

  const errors = [];
  const kinds = [];
  for (const doc of parseAllDocuments(rendered)) {
    if (doc.errors.length > 0) {
      errors.push(`YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const obj = doc.toJS();
    if (obj == null) continue;
    normaliseSecretData(obj);
    const id = `${obj.apiVersion}/${obj.kind} ${obj.metadata?.name ?? "(no name)"}`;
    const Model = obj.apiVersion && obj.kind ? await modelFor(obj.apiVersion, obj.kind) : undefined;
    if (!Model) {
      errors.push(`${id}: no schema model for this apiVersion/kind`);
      continue;
    }
    try {
      new Model(obj).validate();
      for (const problem of checks[obj.kind]?.(obj) ?? []) errors.push(`${id}: ${problem}`);
      kinds.push(obj.apiVersion.includes("knative.dev") ? `${obj.kind} (${obj.apiVersion})` : obj.kind);
    } catch (e) {
      errors.push(`${id}: ${e.message}`);
    }
  }

  if (errors.length > 0) {
    failed = true;
    console.error(`FAIL ${name}: ${errors.length} invalid of ${errors.length + kinds.length} manifests`);
    for (const err of errors) console.error(`  - ${err}`);
  } else if (kinds.length === 0) {
    failed = true;
    console.error(`FAIL ${name}: rendered no manifests`);
  } else {
    console.log(`ok   ${name}: ${kinds.length} manifests valid (${kinds.join(", ")})`);
  }
}
process.exit(failed ? 1 : 0);
