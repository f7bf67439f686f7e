{{/*
Names, labels and the facts every template shares. The facts about each service (port, path, database,
who it talks to) are properties of the code, not settings, so they live here and not in values.yaml.
*/}}

{{- define "esscard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "esscard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object of the release. */}}
{{- define "esscard.commonLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: esscard
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selects every workload pod of the release (default deny, Kafka listener peers). */}}
{{- define "esscard.releaseSelector" -}}
app.kubernetes.io/part-of: esscard
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
The workloads: the four services and, only when simulator.enabled, the provider simulator.
Keys are sorted by range, so every template emits them in the same order.
*/}}
{{- define "esscard.workloads" -}}
{{- /* calls: the other services a workload calls inside the cluster (account-service: the JWKS; account-service also
     reads each service's part of a holder's copy of their data, issue 18) */}}
account:
  name: account-service
  component: api
  port: 8081
  path: /api/accounts
  database: true
  calls: [identity, permit, notification]
  vendors: false
identity:
  name: identity-service
  component: api
  port: 8082
  path: /api/identity
  database: true
  calls: [account]
  vendors: true
permit:
  name: permit-service
  component: api
  port: 8083
  path: /api/permits
  database: true
  calls: [account]
  vendors: false
notification:
  name: notification-service
  component: api
  port: 8084
  path: /api/notifications
  database: true
  calls: [account]
  vendors: true
{{- if .Values.simulator.enabled }}
simulator:
  name: provider-simulator
  component: simulator
  port: 8089
  path: /sim
  database: false
  calls: []
  vendors: false
{{- end }}
{{- end -}}

{{/* The values of one workload: services.<key>, or simulator for the simulator. Call with (list $ "key"). */}}
{{- define "esscard.workloadValues" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- if eq $key "simulator" -}}
{{- toYaml $root.Values.simulator -}}
{{- else -}}
{{- toYaml (index $root.Values.services $key) -}}
{{- end -}}
{{- end -}}

{{/* Object name of a workload. Call with (list $ $w) where $w is its catalogue entry. */}}
{{- define "esscard.workloadName" -}}
{{- $root := index . 0 -}}
{{- $w := index . 1 -}}
{{- printf "%s-%s" (include "esscard.fullname" $root) $w.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a workload's pods. Call with (list $ $w). */}}
{{- define "esscard.selectorLabels" -}}
{{- $root := index . 0 -}}
{{- $w := index . 1 -}}
app.kubernetes.io/name: {{ $w.name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{/* All labels of a workload's objects. Call with (list $ $w). */}}
{{- define "esscard.labels" -}}
{{- $root := index . 0 -}}
{{- $w := index . 1 -}}
{{ include "esscard.commonLabels" $root }}
app.kubernetes.io/name: {{ $w.name }}
app.kubernetes.io/component: {{ $w.component }}
{{- end -}}

{{/* The image of a workload: registry/prefix+name:tag, or @digest when a digest is given. Call with (list $ $w $v). */}}
{{- define "esscard.image" -}}
{{- $root := index . 0 -}}
{{- $w := index . 1 -}}
{{- $v := index . 2 -}}
{{- $img := $root.Values.image -}}
{{- $repo := default (printf "%s%s" $img.repositoryPrefix $w.name) $v.image.repository -}}
{{- if $img.registry }}{{ $repo = printf "%s/%s" $img.registry $repo }}{{ end -}}
{{- if $v.image.digest -}}
{{- printf "%s@%s" $repo $v.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (default (default $root.Chart.AppVersion $img.tag) $v.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Strimzi Kafka cluster name. */}}
{{- define "esscard.kafkaName" -}}
{{- default (printf "%s-kafka" (include "esscard.fullname" .)) .Values.kafka.strimzi.name -}}
{{- end -}}

{{/* The KafkaUser of a service (its principal User:<name>, and the name of the Secret Strimzi makes). Call with (list $ $w). */}}
{{- define "esscard.kafkaUserName" -}}
{{- include "esscard.workloadName" . -}}
{{- end -}}

{{/*
The ACL rules of a service's KafkaUser, from files/kafka-acls.yaml: one rule per topic with every operation the
service needs on it, one per consumer group. Call with (list $ $key).
*/}}
{{- define "esscard.kafkaServiceAcls" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $spec := index ($root.Files.Get "files/kafka-acls.yaml" | fromYaml) $key -}}
{{- if not $spec -}}{{- fail (printf "files/kafka-acls.yaml has no entry for %s" $key) -}}{{- end -}}
{{- $topics := dict -}}
{{- $groups := dict -}}
{{- range $t := $spec.produce -}}{{- $_ := set $topics $t (concat (get $topics $t | default (list)) (list "Describe" "Write")) -}}{{- end -}}
{{- range $t := $spec.read -}}{{- $_ := set $topics $t (concat (get $topics $t | default (list)) (list "Describe" "Read")) -}}{{- end -}}
{{- range $t := $spec.deadLetters -}}{{- $_ := set $topics $t (concat (get $topics $t | default (list)) (list "Describe" "Write")) -}}{{- end -}}
{{- range $c := $spec.consume -}}
{{- $_ := set $topics $c.topic (concat (get $topics $c.topic | default (list)) (list "Describe" "Read")) -}}
{{- $_ := set $groups $c.group true -}}
{{- end -}}
{{- range $name := keys $topics | sortAlpha }}
- resource: {type: topic, name: {{ $name }}, patternType: literal}
  operations: [{{ get $topics $name | uniq | sortAlpha | join ", " }}]
{{- end }}
{{- range $name := keys $groups | sortAlpha }}
- resource: {type: group, name: {{ $name }}, patternType: literal}
  operations: [Read]
{{- end }}
{{- end -}}

{{/* CloudNativePG cluster name. */}}
{{- define "esscard.postgresName" -}}
{{- default (printf "%s-pg" (include "esscard.fullname" .)) .Values.postgres.cnpg.name -}}
{{- end -}}

{{/* The ObjectStore (Barman Cloud plugin) of the PostgreSQL backups; it outlives a switch to a restored cluster. */}}
{{- define "esscard.backupStoreName" -}}
{{- printf "%s-backups" (include "esscard.fullname" .) -}}
{{- end -}}

{{/* Kafka bootstrap servers: the Strimzi plain listener, or the external list. */}}
{{- define "esscard.kafkaBootstrap" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:%d" (include "esscard.kafkaName" .) (int .Values.kafka.strimzi.listenerPort) -}}
{{- else -}}
{{- required "kafka.external.bootstrapServers is required when kafka.strimzi.enabled is false" .Values.kafka.external.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* PostgreSQL host and port: the CloudNativePG read-write service, or the external server. */}}
{{- define "esscard.postgresHostPort" -}}
{{- if .Values.postgres.cnpg.enabled -}}
{{- printf "%s-rw:5432" (include "esscard.postgresName" .) -}}
{{- else -}}
{{- printf "%s:%d" (required "postgres.external.host is required when postgres.cnpg.enabled is false" .Values.postgres.external.host) (int .Values.postgres.external.port) -}}
{{- end -}}
{{- end -}}

{{/* The Secret with the CA that signs PostgreSQL's server certificate (postgres.tls). */}}
{{- define "esscard.postgresCaSecret" -}}
{{- if .Values.postgres.tls.caSecret -}}
{{- .Values.postgres.tls.caSecret -}}
{{- else if .Values.postgres.cnpg.enabled -}}
{{- printf "%s-ca" (include "esscard.postgresName" .) -}}
{{- else -}}
{{- fail "postgres.tls.caSecret is required with an external PostgreSQL and postgres.tls.enabled" -}}
{{- end -}}
{{- end -}}

{{- define "esscard.postgresCaDir" -}}/var/run/secrets/esscard/postgres-ca{{- end -}}

{{/* Base URL of the external vendors as identity and notification see it. Empty: not configured. */}}
{{- define "esscard.providersUrl" -}}
{{- if .Values.simulator.enabled -}}
{{- printf "http://%s-provider-simulator:8089" (include "esscard.fullname" .) -}}
{{- else -}}
{{- .Values.providers.url -}}
{{- end -}}
{{- end -}}

{{/* Kafka topics the services write and read: events and their dead-letter topics. */}}
{{- define "esscard.topics" -}}
events:
  - permit-events
  - identity-events
  - account-events
deadLetters:
  - permit-events.notification-service.dlq
  - account-events.notification-service.dlq
  - identity-events.notification-service.dlq
  - permit-events.identity-service.dlq
  - permit-events.account-service.dlq
  - identity-events.account-service.dlq
  - erasure-ledger.permit-service.dlq
ledger:
  - erasure-ledger
{{- end -}}

{{/* Where the secret files are mounted. */}}
{{- define "esscard.tokenKeyDir" -}}/var/run/secrets/esscard/token{{- end -}}
{{- define "esscard.qrKeyDir" -}}/var/run/secrets/esscard/qr{{- end -}}

{{/* The environment of one workload: its ConfigMap's data. Call with (list $ $key $w). */}}
{{- define "esscard.configData" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $w := index . 2 -}}
{{- $v := include "esscard.workloadValues" (list $root $key) | fromYaml -}}
{{- $providersUrl := include "esscard.providersUrl" $root -}}
{{- $dbHostPort := include "esscard.postgresHostPort" $root -}}
{{- $tls := $root.Values.postgres.tls -}}
{{- $caFile := printf "%s/ca.crt" (include "esscard.postgresCaDir" $root) -}}
{{- $fullname := include "esscard.fullname" $root -}}
{{- $tokenDir := include "esscard.tokenKeyDir" $root -}}
JAVA_TOOL_OPTIONS: {{ default $root.Values.jvmOptions $v.jvmOptions | quote }}
{{- if $w.database }}
{{- if $tls.enabled }}
QUARKUS_DATASOURCE_REACTIVE_URL: {{ printf "postgresql://%s/%s?sslmode=verify-full" $dbHostPort $v.database.name | quote }}
QUARKUS_DATASOURCE_JDBC_URL: {{ printf "jdbc:postgresql://%s/%s?sslmode=verify-full&sslrootcert=%s" $dbHostPort $v.database.name $caFile | quote }}
# the reactive client verifies only with a CA and a host check given explicitly
QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM: "true"
QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS: {{ $caFile | quote }}
QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM: "HTTPS"
{{- else }}
QUARKUS_DATASOURCE_REACTIVE_URL: {{ printf "postgresql://%s/%s" $dbHostPort $v.database.name | quote }}
QUARKUS_DATASOURCE_JDBC_URL: {{ printf "jdbc:postgresql://%s/%s" $dbHostPort $v.database.name | quote }}
{{- end }}
KAFKA_BOOTSTRAP_SERVERS: {{ include "esscard.kafkaBootstrap" $root | quote }}
{{- if $root.Values.kafka.strimzi.enabled }}
# the service's KafkaUser logs in with SCRAM-SHA-512; the JAAS line with its password comes from the user's Secret
KAFKA_SECURITY_PROTOCOL: "SASL_PLAINTEXT"
KAFKA_SASL_MECHANISM: "SCRAM-SHA-512"
{{- end }}
{{- end }}
{{- if and (eq $w.component "api") $root.Values.ingress.trustedProxies }}
# the client address: X-Forwarded-For from the ingress controller's pods only (it overwrites the header)
QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING: "true"
QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: {{ $root.Values.ingress.trustedProxies | quote }}
{{- end }}
{{- if has "account" $w.calls }}
MP_JWT_VERIFY_PUBLICKEY_LOCATION: {{ printf "http://%s-account-service:8081/api/accounts/.well-known/jwks.json" $fullname | quote }}
{{- end }}
{{- if has "identity" $w.calls }}
ESSCARD_IDENTITY_URL: {{ printf "http://%s-identity-service:8082" $fullname | quote }}
{{- end }}
{{- if has "permit" $w.calls }}
ESSCARD_PERMIT_URL: {{ printf "http://%s-permit-service:8083" $fullname | quote }}
{{- end }}
{{- if has "notification" $w.calls }}
ESSCARD_NOTIFICATION_URL: {{ printf "http://%s-notification-service:8084" $fullname | quote }}
{{- end }}
{{- if and $w.vendors $providersUrl }}
ESSCARD_PROVIDERS_URL: {{ $providersUrl | quote }}
{{- end }}
{{- if eq $key "account" }}
{{- $token := $root.Values.secrets.tokenSigningKey }}
SMALLRYE_JWT_SIGN_KEY_LOCATION: {{ printf "%s/private.pem" $tokenDir | quote }}
ESSCARD_TOKEN_PUBLIC_KEY_LOCATION: {{ printf "%s/public.pem" $tokenDir | quote }}
ESSCARD_TOKEN_KEY_ID: {{ $token.keyId | quote }}
# the signing key's age against the rotation policy (metrics and the alert EsscardSigningKeyRotationOverdue)
ESSCARD_TOKEN_ROTATION_PERIOD: {{ $token.rotationPeriod | quote }}
{{- if $token.createdAt }}
ESSCARD_TOKEN_KEY_CREATED_AT: {{ $token.createdAt | quote }}
{{- end }}
{{- if $token.nextKeyIds }}
{{- $next := list }}
{{- range $kid := $token.nextKeyIds }}{{ $next = append $next (printf "%s=%s/%s.public.pem" $kid $tokenDir $kid) }}{{ end }}
ESSCARD_TOKEN_NEXT_PUBLIC_KEYS: {{ join "," $next | quote }}
{{- end }}
{{- if $token.previousKeyIds }}
{{- $entries := list }}
{{- range $kid := $token.previousKeyIds }}{{ $entries = append $entries (printf "%s=%s/%s.public.pem" $kid $tokenDir $kid) }}{{ end }}
ESSCARD_TOKEN_PREVIOUS_PUBLIC_KEYS: {{ join "," $entries | quote }}
{{- end }}
{{- end }}
{{- if eq $key "permit" }}
# how long after a permit ended its holder is erased (issue 18, docs/PRIVACY.md)
ESSCARD_PERMIT_RETENTION_AFTER_END: {{ $root.Values.privacy.retentionAfterEnd | quote }}
{{- end }}
{{- if and (eq $w.component "api") $root.Values.tracing.endpoint }}
# traces to the collector (docs/OPERATIONS.md, Traces)
QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: {{ $root.Values.tracing.endpoint | quote }}
QUARKUS_OTEL_TRACES_SAMPLER_ARG: {{ $root.Values.tracing.ratio | quote }}
{{- end }}
{{- range $name, $value := $v.env }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* permit-service's QR key file: the data of its -files ConfigMap. Call with $. */}}
{{- define "esscard.permitFiles" -}}
{{- $qr := .Values.secrets.qrSigningKeys -}}
{{- $dir := include "esscard.qrKeyDir" . -}}
application.properties: |
  esscard.permit.qr.active-kid={{ $qr.activeKid }}
  esscard.permit.qr.keys."{{ $qr.activeKid }}".private-key={{ $dir }}/{{ $qr.activeKid }}.private.pem
  esscard.permit.qr.keys."{{ $qr.activeKid }}".public-key={{ $dir }}/{{ $qr.activeKid }}.public.pem
  {{- range $kid := $qr.verifyOnlyKids }}
  esscard.permit.qr.keys."{{ $kid }}".public-key={{ $dir }}/{{ $kid }}.public.pem
  {{- end }}
{{- $base := .Values.qrStatusLists.uriBase }}
{{- if and (not $base) .Values.ingress.host }}
{{- $base = printf "https://%s/api/permits/qr/status-lists" .Values.ingress.host }}
{{- end }}
{{- if $base }}
  esscard.permit.qr.status-list.uri-base={{ $base }}
{{- end }}
{{- end -}}

{{/*
The API's routes from routes.txt (the local gateway reads the same file): {classes: [{name, rps, burst, body,
buffering}], routes: [{path, match, service, class}]}, in the file's order. A line that does not parse fails the
render, as does a route whose class or service is unknown.
*/}}
{{- define "esscard.routes" -}}
{{- $classes := list -}}
{{- $names := dict -}}
{{- $routes := list -}}
{{- range $raw := .Files.Lines "routes.txt" -}}
{{- $line := trim $raw -}}
{{- if and $line (not (hasPrefix "#" $line)) -}}
{{- $f := regexSplit "\\s+" $line -1 -}}
{{- if and (eq (index $f 0) "class") (eq (len $f) 6) -}}
{{- $classes = append $classes (dict "name" (index $f 1) "rps" (index $f 2) "burst" (index $f 3) "body" (index $f 4) "buffering" (index $f 5)) -}}
{{- $_ := set $names (index $f 1) true -}}
{{- else if and (eq (index $f 0) "route") (eq (len $f) 5) -}}
{{- if not (hasKey $names (index $f 4)) -}}{{- fail (printf "routes.txt: route %s names class %s, not defined above it" (index $f 1) (index $f 4)) -}}{{- end -}}
{{- if not (has (index $f 3) (list "account" "identity" "permit" "notification")) -}}{{- fail (printf "routes.txt: route %s names service %s" (index $f 1) (index $f 3)) -}}{{- end -}}
{{- if not (has (index $f 2) (list "exact" "prefix")) -}}{{- fail (printf "routes.txt: route %s: match %s is neither exact nor prefix" (index $f 1) (index $f 2)) -}}{{- end -}}
{{- $routes = append $routes (dict "path" (index $f 1) "match" (index $f 2) "service" (index $f 3) "class" (index $f 4)) -}}
{{- else -}}
{{- fail (printf "routes.txt: not a class or route line: %q" $line) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml (dict "classes" $classes "routes" $routes) -}}
{{- end -}}
