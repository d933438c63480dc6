{{/* The name of one application's objects: <release>-<service>. */}}
{{- define "odd-shop.name" -}}
{{- printf "%s-%s" .root.Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object of the chart carries. */}}
{{- define "odd-shop.commonLabels" -}}
app.kubernetes.io/part-of: odd-shop
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* One application's selector labels. */}}
{{- define "odd-shop.selectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* One application's labels. */}}
{{- define "odd-shop.labels" -}}
{{ include "odd-shop.commonLabels" .root }}
app.kubernetes.io/name: {{ .service }}
{{- end -}}

{{/* The Secret with the admin token and the session key. */}}
{{- define "odd-shop.secretName" -}}
{{- default (printf "%s-secrets" .Release.Name) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The CloudNativePG Cluster's name. */}}
{{- define "odd-shop.databaseCluster" -}}
{{- printf "%s-db" .Release.Name -}}
{{- end -}}

{{/* The Secret with the database user (keys username, password): CloudNativePG's app secret, or the external one. */}}
{{- define "odd-shop.databaseSecret" -}}
{{- if .Values.database.cloudnativepg.enabled -}}
{{- printf "%s-app" (include "odd-shop.databaseCluster" .) -}}
{{- else -}}
{{- required "database.external.existingSecret is required without CloudNativePG" .Values.database.external.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* The server's JDBC URL without a database: CloudNativePG's read-write Service, or the external URL. */}}
{{- define "odd-shop.databaseUrl" -}}
{{- if .Values.database.cloudnativepg.enabled -}}
{{- printf "jdbc:postgresql://%s-rw:5432" (include "odd-shop.databaseCluster" .) -}}
{{- else -}}
{{- required "database.external.url is required without CloudNativePG" .Values.database.external.url | trimSuffix "/" -}}
{{- end -}}
{{- end -}}

{{/* Whether an application runs several pods: autoscaled, or more than one replica. */}}
{{- define "odd-shop.replicated" -}}
{{- if or .autoscaling (gt (int .replicas) 1) -}}true{{- end -}}
{{- end -}}
