{{/* Name of every object of the release (truncated to the 63 characters of a DNS label). */}}
{{- define "chatbot-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "chatbot-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "chatbot-operator.labels" -}}
{{ include "chatbot-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: chatbot-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "chatbot-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "chatbot-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The operator image, by digest only: a tag never reaches a pod (the operator's own rule). */}}
{{- define "chatbot-operator.image" -}}
{{- $digest := required "image.digest is required: the operator runs pinned by digest" .Values.image.digest -}}
{{- if not (regexMatch "^sha256:[a-f0-9]{64}$" $digest) -}}
{{- fail (printf "image.digest must be sha256:<64 lowercase hex>, got %q" $digest) -}}
{{- end -}}
{{- printf "%s@%s" .Values.image.repository $digest -}}
{{- end -}}

{{/*
The rules the operator needs on ChatbotDeployments and the objects it owns, each verb traced to
the code in docs/security.md ("RBAC"). Used by the ClusterRole (all namespaces) or by one Role per
watched namespace. No wildcard. Server-side apply is a PATCH, authorized as create when the object
does not exist yet and as patch when it does: owned kinds need both, never update.
*/}}
{{- define "chatbot-operator.namespacedRules" -}}
# Informer (list, watch); finalizer add and status writes are server-side apply (patch); get
# re-reads the CR when removing the finalizer meets a conflict.
- apiGroups: [chatbot.dev]
  resources: [chatbotdeployments]
  verbs: [get, list, watch, patch]
- apiGroups: [chatbot.dev]
  resources: [chatbotdeployments/status]
  verbs: [patch]
# Owner references with blockOwnerDeletion (OwnerReferencesPermissionEnforcement admission).
- apiGroups: [chatbot.dev]
  resources: [chatbotdeployments/finalizers]
  verbs: [update]
# Owned objects: informers (list, watch), server-side apply (create, patch).
- apiGroups: [""]
  resources: [serviceaccounts, services]
  verbs: [list, watch, create, patch]
# Deployments also get update: a hand edit of fields the operator does not set (extra containers,
# hostPath, host namespaces) is reverted by replacing the whole pod template (DeploymentDependentResource).
- apiGroups: [apps]
  resources: [deployments]
  verbs: [list, watch, create, patch, update]
# ConfigMaps: owned (apply); all listed/watched as metadata only, and read by name (get) when a
# CR references one.
# JOSDK updates ConfigMaps with PUT, not server-side apply (its default for ConfigMaps and
# Secrets, so removed keys are removed): update.
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, create, patch, update]
# Deleted when no longer wanted (existingClaim, retentionPolicy Delete, networkPolicy off, replicas <= 1).
- apiGroups: [""]
  resources: [persistentvolumeclaims]
  verbs: [list, watch, create, patch, delete]
- apiGroups: [networking.k8s.io]
  resources: [networkpolicies]
  verbs: [list, watch, create, patch, delete]
- apiGroups: [policy]
  resources: [poddisruptionbudgets]
  verbs: [list, watch, create, patch, delete]
# Revision memory: an informer (list, watch) of the operator's own (label-selected), created once
# per revision, annotated (edit = get + patch), pruned.
- apiGroups: [apps]
  resources: [controllerrevisions]
  verbs: [get, list, watch, create, patch, delete]
# Secrets: list/watch as metadata only (names, resourceVersions; RBAC cannot tell a metadata-only
# read from a full one), get by name of the few a CR references; never written.
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch]
# Rollout health: the chat pods' container states.
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch]
- apiGroups: [""]
  resources: [events]
  verbs: [create]
# spec.monitoring, only when the Prometheus Operator's CRDs exist: read by name, applied (create,
# patch) only when it differs, deleted when monitoring is switched off.
- apiGroups: [monitoring.coreos.com]
  resources: [servicemonitors, prometheusrules]
  verbs: [get, create, patch, delete]
{{- end -}}

{{/* Only to learn whether the Prometheus Operator's CRDs exist, by name. */}}
{{- define "chatbot-operator.crdReadRule" -}}
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  resourceNames: [servicemonitors.monitoring.coreos.com, prometheusrules.monitoring.coreos.com]
  verbs: [get]
{{- end -}}
