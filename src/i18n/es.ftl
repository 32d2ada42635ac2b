# Firewall Console — catálogo en español de México (Fluent, https://projectfluent.org).
# Cada mensaje existe en en.ftl con los mismos argumentos (lo comprueba una prueba).
# Registro: siempre usted. Las etiquetas de las líneas de ayuda (hint-*) siguen a su tecla y
# van en infinitivo ("Enter abrir"), ordenadas por importancia: si la terminal es angosta se
# pierden las del final, nunca media palabra.
#
# Glosario (un término por concepto; la prueba banned_terms rechaza las alternativas):
#   seizure            → aseguramiento         (no: decomiso, incautación)
#   recovered (seizure)→ asegurado             (no: recuperado, en aseguramientos)
#   trace              → rastreo
#   FFL dealer         → armería               (no: armero, que es quien repara armas)
#   first purchaser    → primer comprador
#   straw purchaser    → prestanombres
#   lead               → pista                 (no: indicio, que es el objeto físico)
#   confirmed hit      → coincidencia confirmada (estado de la pista: confirmada, en femenino)
#   casing             → casquillo
#   firing pin         → percutor
#   breech face        → cara de cierre        (nunca: culata)
#   examiner           → perito
#   case               → caso                  (no es la carpeta de investigación del MP)
#   agency             → dependencia           (no: agencia)
#   audit trail        → bitácora
#   crime scene        → lugar de los hechos   (CNPP art. 227; no: escena del crimen)
#   chain of distribution → cadena de comercialización
#                         (no: cadena de custodia, que en el CNPP es el régimen de los indicios)
#   rank               → posición              (no: rango)
#   time-to-crime (TTC)→ tiempo al delito (TAD): días de la primera venta a la recuperación

#   prosecution stage  → etapa procesal        (remitido, con cargos, resuelto)
#   prosecuting office → fiscalía              (prosecutor → fiscal)
#   defendant          → imputado              (CNPP; no: acusado, que es una etapa posterior)
#   Enter, Esc         → Enter, Esc            (no: Intro; y "presione", no "pulse")

## Chrome, queue, trace and overlays
tab-queue = Cola
tab-trace = Rastreo
demo = DATOS SINTÉTICOS DE DEMOSTRACIÓN
demo-short = DATOS SINTÉTICOS
online = en línea
offline = SIN CONEXIÓN
stale = desactualizado
connecting = conectando…
link-slow = enlace lento
last-sync = sinc.
never = nunca
pending = pendientes
read-only = SOLO LECTURA
insecure-http = SIN CIFRAR (--insecure-http)
not-signed-in = sin sesión
newest = más recientes primero
oldest = más antiguos primero
filter = filtro
no-filter = ninguno
marked = marcados
loading = cargando…
no-seizures = Ningún aseguramiento coincide con este filtro.
total = total
col-id = ID
col-status = Estado
col-date = Asegurado
col-age = Hace
col-place = Lugar
col-agency = Dependencia
col-guns = Armas
col-summary = Resumen
as-recorded = Relato
seizure-gist = { $kind }: { $firearms ->
    [0] sin armas de fuego
    [one] 1 arma de fuego
   *[other] { $firearms } armas de fuego
}{ $how }
items = Objetos
place = Lugar
kind = Tipo
agency = Dependencia
occurred = Asegurado
conveyance = Transporte
concealment = Ocultamiento
summary = Resumen
linked-traces = Rastreos
linked-cases = Casos
none-yet = ninguno aún
hint-queue-open = ver
hint-queue-filter = buscar
hint-queue-toggle-sort = ordenar
hint-queue-mark = marcar
hint-queue-submit-trace = rastrear
hint-queue-change-status = estado
hint-queue-assign-case = caso
hint-queue-help = ayuda
hint-seizure-submit-trace = solicitar rastreos
hint-seizure-change-status = estado
hint-seizure-assign-case = asignar a caso
hint-seizure-copy = copiar id
hint-seizure-back = volver
recent = Rastreos recientes
search-results = Búsqueda: { $query }
same-purchaser = Mismo comprador: { $name }
same-dealer = Misma armería: { $name }
col-serial = Serie
col-firearm = Arma
col-caliber = Calibre
col-ttc = TAD
col-submitted = Enviado
no-traces = No se hallaron rastreos. Busque una serie (ABC123, ABC*, *12?4*), un número de rastreo o make:/model:/caliber:.
chain = Cadena de comercialización
time-to-crime = Tiempo al delito
days = { $days ->
    [one] { $days } día
   *[other] { $days } días
}
short-ttc = CORTO — indicador de tráfico
multiple-sales = Reportes de venta múltiple
no-multiple-sales = ninguno
recovery = Recuperación
not-traceable = No rastreable
hint-trace-filter = buscar
hint-trace-open = abrir
hint-trace-related-purchaser = mismo comprador
hint-trace-related-dealer = misma armería
hint-trace-copy = copiar serie
hint-trace-detail-related-purchaser = mismo comprador
hint-trace-detail-related-dealer = misma armería
hint-trace-detail-copy = copiar serie
hint-trace-detail-back = volver
priority = Prioridad
crime-code = Código de delito
requesting-agency = Solicitado por
help-title = Teclas
help-key = Tecla
help-action = Acción
palette-title = Comando
filter-title = Filtrar la cola
filter-hint = estado:nuevo dependencia:… entidad:"Nuevo León" puerto:… artículo:arma desde:2026-01-01 hasta:… texto
search-title = Buscar rastreos
search-hint = serie ABC123 · prefijo ABC* · comodín *12?4* · TR-2026-… · marca: modelo: calibre:
filter-unknown-value = { $key }:{ $value } no es un valor conocido
filter-bad-date = Fecha { $value }: escríbala como AAAA-MM-DD
filter-no-local-date = La fecha { $value } no existe en la zona horaria local
filter-unknown-term = { $term }: término de búsqueda desconocido
confirm-title = Confirmar
confirm-submit = { $count ->
    [one] ¿Enviar { $count } solicitud de rastreo (ordinaria, código de delito { $code })?
   *[other] ¿Enviar { $count } solicitudes de rastreo (ordinarias, código de delito { $code })?
}
confirm-hint = s / Enter: sí · n / Esc: no
status-title = Cambiar estado de revisión
case-title = Asignar a caso
tab-cases = Casos
new-case-title = Nuevo caso
new-case-hint = Escriba su título · Enter lo crea (usted y su dependencia son miembros) · Esc cancela
picker-hint = escriba para filtrar · ↑↓ elegir · Enter seleccionar · Esc cerrar
no-matches = sin coincidencias
cannot-reach = No se puede conectar con el servidor en { $server }.
what-to-do = Revise la dirección (--server o `server` en config.toml) y su red. La consola sigue intentando y trabaja con su caché mientras tanto. Presione q para salir.
auth-failed = El servidor rechazó el inicio de sesión: { $reason }
auth-what-to-do = Revise su token (--token, FWC_TOKEN o token_file en config.toml). Presione q para salir.

## Ballistics pane
bal-tab = Balística
bal-leads-title = Pistas balísticas
bal-pending-only = por revisar
bal-all-leads = todas
bal-by-score = mejor puntuación primero
bal-by-age = más antiguas primero
bal-counts = { $shown } mostradas · { $overdue } vencidas (!) — esperan más de { $hours } h
bal-no-leads = No hay pistas que revisar.
bal-col-lead = Pista
bal-col-casings = Casquillo ↔ candidato
bal-col-caliber = Calibre
bal-col-score = Punt.
bal-col-rank = Pos.
bal-col-age = Edad
bal-col-status = Estado
bal-col-decided-by = Decidió
bal-overdue = VENCIDA
hint-leads-open = cotejar
hint-leads-toggle-sort = ordenar
hint-leads-toggle-all-leads = todas
hint-leads-exclude-lead = excluir
hint-leads-inconclusive-lead = no concluyente
hint-leads-confirm-hit = confirmar
hint-leads-help = ayuda
hint-leads-toggle-reviews = revisar correlaciones
hint-comparison-confirm-hit = confirmar
hint-comparison-exclude-lead = excluir
hint-comparison-inconclusive-lead = no concluyente
hint-comparison-next-candidate = siguiente
hint-comparison-prev-candidate = anterior
hint-comparison-toggle-view = vista
hint-comparison-toggle-images = imágenes
hint-comparison-zoom-in = acercar
hint-comparison-zoom-out = alejar
hint-comparison-back = volver
hint-reviews-open = abrir lista
hint-reviews-toggle-reviews = pistas
hint-reviews-refresh = actualizar
hint-reviews-help = ayuda
hint-correlations-open = comparar
hint-correlations-mark-lead = marcar pista
hint-correlations-back = volver
hint-correlations-toggle-reviews = pistas
hint-review-pair-mark-lead = marcar pista
hint-review-pair-next-candidate = siguiente candidato
hint-review-pair-prev-candidate = anterior
hint-review-pair-toggle-view = cambiar vista
hint-review-pair-back = volver
bal-review-title = Correlaciones por revisar
bal-review-counts = { $shown } listas por revisar · { $overdue } vencidas (!) — { $hours } h desde la adquisición
bal-review-none = Ninguna lista de correlación espera revisión.
bal-review-empty = Sin candidatos: no hay casquillos anteriores de este calibre con qué comparar.
bal-review-col-incident = Hecho
bal-review-col-candidates = Cand.
bal-review-col-best = Mejor
bal-review-col-clock = Vencimiento
bal-review-col-cells = Celdas
bal-review-col-fmr = TFC
bal-review-col-rotation = Rot.
bal-review-due-in = vence en { $age }
bal-review-overdue-by = vencida hace { $age }
bal-review-reviewed-by = revisada por { $user }
bal-review-pair = Candidato #{ $rank }
bal-casing = Casquillo
bal-candidate = Candidato
bal-view-raw = tal como se captó
bal-view-aligned = alineado sobre el casquillo
bal-view-difference = diferencia (oscuro = coinciden)
bal-zoom = zoom { $factor }×
bal-synthetic = IMÁGENES SINTÉTICAS — datos de prueba generados, no son indicios reales.
bal-no-image = sin imagen
bal-image-on-request = imagen sin dibujar ({ $key } la dibuja)
bal-scores = Puntuaciones
bal-breech-face = Cara de cierre
bal-firing-pin = Percutor
bal-combined = Combinada
bal-rank = Posición { $rank } de { $total }
bal-alignment = Alineación { $degrees }° · desplazamiento { $dx },{ $dy } px
bal-incidents = Incidentes
bal-recovered = recuperado
bal-seizure = aseguramiento
bal-cases = casos
bal-none-yet = ninguno
bal-cluster = Grupo de coincidencias confirmadas
bal-no-cluster = aún sin coincidencias confirmadas
bal-cluster-count = { $casings ->
    [one] 1 casquillo unido
   *[other] { $casings } casquillos unidos
} por { $hits ->
    [one] 1 coincidencia
   *[other] { $hits } coincidencias
}
bal-decided = Decidió { $examiner }
bal-comment-hint = Enter registra la decisión con este comentario (puede ir vacío) · Esc cancela
bal-comment-confirm = Confirmar { $lead } como coincidencia — comentario
bal-comment-exclude = Excluir { $lead } — comentario
bal-comment-inconclusive = { $lead } no concluyente — comentario
bal-comment-mark = Marcar { $casing } ↔ { $candidate } como pista — comentario
bal-comment-mark-hint = Enter marca la pista para un perito con este comentario (obligatorio) · Esc cancela

## Cases pane
case-col-title = Título
case-col-lead = Dependencia responsable
case-col-members = Dependencias miembro
case-col-activity = Última actividad
case-col-unread = Sin leer
case-no-cases = Aún no es miembro de ningún caso. Presione c para abrir uno.
case-draft = borrador
hint-cases-open = abrir
hint-cases-new-case = nuevo caso
hint-cases-filter = filtrar
hint-cases-refresh = actualizar
hint-cases-palette = paleta
hint-cases-help = ayuda
hint-case-select = elegir nota
hint-case-write-note = escribir nota
hint-case-follow-ref = seguir referencia
hint-case-back = volver
hint-case-help = ayuda
hint-case-supervisor-select = nota
hint-case-supervisor-write-note = escribir
hint-case-supervisor-follow-ref = seguir
hint-case-supervisor-members = agregar/quitar
hint-case-supervisor-audit-trail = bitácora
hint-case-supervisor-stage = etapa procesal
hint-case-prosecutor-select = nota
hint-case-prosecutor-write-note = escribir
hint-case-prosecutor-stage = etapa procesal
hint-case-prosecutor-follow-ref = seguir
hint-case-prosecutor-export = expediente
hint-case-prosecutor-back = volver
hint-case-supervisor-back = volver
case-members = Miembros
case-evidence = Registros vinculados
case-notes = Notas
case-no-notes = Aún no hay notas.
case-no-links = Nada vinculado todavía.
case-sending = enviando…
case-new = nueva
case-created = abierto
case-note-for = Nota para { $case }
case-recovered = borrador recuperado
case-saved = borrador guardado
case-saving = guardando borrador…
hint-editor-send = enviar
hint-editor-close = cerrar
hint-editor-undo = deshacer
hint-editor-redo = rehacer
hint-editor-find = buscar
hint-editor-next-match = siguiente
case-find = Buscar (regex), Enter: 
case-bad-pattern = patrón no válido
case-refs-title = Referencias en las notas (se siguen con f)
case-refs-help = SZ-000123 aseguramiento · TR-2026-0000042 rastreo · FA-0001234 arma · #ABC123 número de serie · BC-000012 casquillo · BL-000012 pista balística
case-edited = editada
case-serial = número de serie
case-editing = Editando { $note } (desde v{ $version })
case-theirs = Texto actual de { $author } (v{ $version }), cambiado mientras usted editaba
hint-conflict-save = guardar como versión nueva
hint-conflict-new-note = publicar nota nueva
hint-conflict-close = cerrar

## Case members and audit trail (supervisors)
member-add-title = Agregar un miembro a { $case }
member-remove-title = Quitar un miembro de { $case }
member-add-hint = Una dependencia sola hace miembros a todos sus usuarios.
member-confirm-remove = ¿Quitar a { $member } de { $case }? Pierde el acceso al caso y a sus notas.
member-audit-title = Bitácora de { $case } · { $count ->
    [one] { $count } registro
   *[other] { $count } registros
}, el más reciente primero
hint-audit-scroll = desplazar
hint-audit-refresh = actualizar
hint-audit-close = cerrar
member-no-audit = Aún no hay accesos registrados a este caso.
member-col-when = Cuándo
member-col-user = Usuario
member-col-request = Solicitud
member-col-status = Estado
member-anonymous = (sin sesión)

## Actions: the long labels of the help overlay and the command palette
action-yes = Sí
action-no = No
action-undo = Deshacer
action-redo = Rehacer
action-newline = Nueva línea
action-delete-char = Borrar el carácter bajo el cursor
action-delete-word = Borrar la palabra antes del cursor
action-delete-to-line-end = Borrar hasta el final de la línea
action-cursor-left = Cursor a la izquierda
action-cursor-right = Cursor a la derecha
action-word-left = Palabra anterior
action-word-right = Palabra siguiente
action-line-start = Inicio de la línea
action-line-end = Final de la línea
action-find = Buscar
action-find-next = Buscar siguiente
action-backspace = Borrar el carácter antes del cursor
action-quit = Salir
action-suspend = Suspender y volver al shell (fg la retoma)
action-next-pane = Panel siguiente
action-prev-pane = Panel anterior
action-pane1 = Ir al panel 1
action-pane2 = Ir al panel 2
action-pane3 = Ir al panel 3
action-pane4 = Ir al panel 4
action-up = Subir
action-down = Bajar
action-top = Ir al inicio
action-bottom = Ir al final
action-page-up = Página anterior
action-page-down = Página siguiente
action-open = Abrir / confirmar
action-back = Cerrar / volver
action-filter = Filtrar o buscar
action-palette = Paleta de comandos
action-help = Ayuda
action-copy = Copiar id o serie
action-refresh = Actualizar
action-toggle-sort = Más recientes / antiguos primero
action-mark = Marcar para acción múltiple
action-submit-trace = Solicitar rastreos
action-change-status = Cambiar estado de revisión
action-assign-case = Asignar a caso
action-related-purchaser = Rastreos del mismo comprador
action-related-dealer = Rastreos de la misma armería
action-toggle-language = English / Español
action-clear-filter = Quitar filtro
action-new-case = Nuevo caso
action-write-note = Escribir una nota en el caso abierto
action-follow-ref = Seguir una referencia de la nota seleccionada
action-edit-note = Editar mi nota seleccionada
action-export-case = Exportar el expediente del caso (archivo Markdown)
action-add-member = Agregar un miembro al caso (supervisores)
action-remove-member = Quitar un miembro del caso (supervisores)
action-audit-trail = Bitácora de auditoría del caso (supervisores)
action-toggle-all-leads = Pistas pendientes/todas
action-toggle-view = Cambiar vista de imagen
action-toggle-images = Mostrar u ocultar las imágenes de las vainas
action-zoom-in = Acercar
action-zoom-out = Alejar
action-next-candidate = Siguiente candidato
action-prev-candidate = Candidato anterior
action-confirm-hit = Confirmar (perito)
action-exclude-lead = Excluir pista
action-inconclusive-lead = Pista no concluyente
action-toggle-reviews = Balística: correlaciones por revisar / pistas
action-mark-lead = Marcar el candidato de la correlación como pista

triage-new = nuevo
triage-in-review = en revisión
triage-traces-requested = rastreos solicitados
triage-linked = vinculado
triage-closed = cerrado

trace-status-submitted = enviado
trace-status-in-progress = en curso
trace-status-completed = completado
trace-status-not-traceable = no rastreable

role-manufacturer = Fabricante
role-importer = Importador
role-distributor = Distribuidor
role-dealer = Armería (FFL)
role-purchaser = Primer comprador

item-firearm = arma de fuego
item-part = pieza
item-magazine = cargador
item-ammunition = munición

seizure-kind-border-inspection = revisión fronteriza
seizure-kind-crime-scene = lugar de los hechos
seizure-kind-operation = operativo

reason-obliterated-serial = serie borrada
reason-missing-serial = sin número de serie
reason-insufficient-description = descripción insuficiente
reason-pre-1968 = fabricada antes de 1968
reason-dealer-records-incomplete = registros de la armería incompletos
reason-dealer-out-of-business = armería fuera de operación
reason-foreign-no-importer = extranjera, sin importador

priority-routine = ordinaria
priority-urgent = URGENTE

case-status-open = abierto
case-status-dormant = inactivo
case-status-closed = cerrado

entity-seizure = aseguramiento
entity-firearm = arma
entity-trace = rastreo
entity-casing = casquillo
entity-lead = pista balística
entity-person = persona
entity-dealer = armería

lead-status-pending = pendiente
lead-status-confirmed = confirmada
lead-status-excluded = excluida
lead-status-inconclusive = no concluyente

## Notices: the one-line messages at the foot of the screen
notice-read-only = Sesión de solo lectura: los cambios están desactivados.
notice-nothing-selected = No hay nada seleccionado.
notice-not-here = No disponible para este registro.
notice-no-firearms = { $seizure } no tiene armas que rastrear.
notice-copied = Copiado { $text }
notice-writes-queued = { $count } cambio(s) en cola de envío.
notice-kept-for-other-sign-in = Se conservan { $count } cambio(s) en cola de otra sesión; se envían cuando ese usuario entre.
notice-trace-submitted = Rastreo { $trace } enviado.
notice-status-changed = { $seizure } ahora está { $status }.
notice-linked = { $what } vinculado a { $case }.
notice-write-refused = El servidor rechazó un cambio: { $reason }

## Rechazos del servidor: un mensaje por código de error estable de la API (`ERROR_CODES`); el
## mensaje del servidor, en inglés, sigue como detalle.
server-refusal = { $text } ({ $detail })
server-error-other = El servidor rechazó la solicitud.
server-error-bad-request = La solicitud está mal formada.
server-error-invalid = El servidor no aceptó los datos enviados.
server-error-unauthorized = Su token falta o no es válido.
server-error-forbidden = Usted no tiene acceso a esto.
server-error-not-found = No existe en el servidor.
server-error-conflict = Entra en conflicto con el estado actual en el servidor.
server-error-version-conflict = Alguien lo modificó antes que usted.
server-error-bad-cursor = La lista cambió; vuelva a cargarla.
server-error-too-large = Lo que envió es demasiado grande.
server-error-unsupported-media-type = El servidor no entendió el formato enviado.
server-error-rate-limited = Demasiadas solicitudes; espere un momento e intente de nuevo.
server-error-method-not-allowed = El servidor no permite esa operación aquí.
server-error-audit-unavailable = El servidor no pudo registrarlo en la bitácora; intente de nuevo.
server-error-idempotency-key-reused = Este cambio ya se había enviado con otro contenido.
server-error-uri-too-long = La dirección de la solicitud es demasiado larga.
server-error-headers-too-large = Los encabezados de la solicitud son demasiado grandes.
server-error-internal = El servidor tuvo un problema; intente más tarde.
server-error-busy = El servidor detuvo una solicitud que tardaba demasiado; intente de nuevo en un momento o acótela con un filtro.
server-error-sign-in-failed = El usuario, la contraseña o el código no son correctos.
server-error-account-locked = Demasiados intentos fallidos: el acceso está bloqueado por un tiempo.
server-error-session-expired = Su sesión terminó; inicie sesión de nuevo.
server-error-password-change-required = Su contraseña es temporal: elija una nueva.
notice-back-online = Conexión restablecida.
notice-went-offline = Servidor inaccesible: sus cambios se guardan y se enviarán al volver.
notice-language-changed = Español
notice-case-created = Caso { $case } creado.
notice-note-queued = Nota en cola para enviar.
notice-note-posted = Nota publicada en { $case }.
notice-note-empty = La nota está vacía.
notice-draft-kept = Borrador de { $case } guardado; n lo retoma.
notice-drafts-waiting = { $count ->
    [one] { $count } borrador de nota sin enviar: abra el caso y presione n.
   *[other] { $count } borradores de nota sin enviar: abra el caso y presione n.
}
notice-no-references = Esta nota no cita ninguna referencia.
notice-no-leads-for-casing = No se generó ninguna pista para el casquillo { $casing }.
notice-not-yours = Solo su autor puede editar esta nota.
notice-note-saved = Nota { $note } guardada.
notice-conflict = { $author } cambió la nota mientras usted la editaba: se muestran ambos textos.
notice-exporting = Exportando { $case }…
notice-exported = Expediente escrito en { $path }
notice-no-case-open = Abra un caso primero (Enter).
notice-supervisors-only = Solo un supervisor puede administrar los miembros o ver la bitácora.
notice-member-added = { $member } agregado a { $case }.
notice-member-removed = { $member } quitado de { $case }.
notice-examiner-only = Solo un perito en balística puede confirmar una coincidencia.
notice-decision-queued = Decisión sobre { $lead } en cola de envío.
notice-lead-decided = La pista { $lead } queda { $status }.
notice-no-more-candidates = No hay más candidatos para este casquillo.
notice-markers-only = Solo un técnico o un perito en balística puede marcar una pista.
notice-mark-comment-required = Una pista marcada necesita un comentario: indique qué mostró la comparación.
notice-mark-queued = Marca de pista sobre { $candidate } en cola de envío.
notice-lead-marked = Pista { $lead } marcada para un perito.

## Start-up warnings: what was ignored, where, and what is used instead
warning-config-unreadable = { $path }: { $error }; se usan los valores predeterminados
warning-config-not-toml = { $origin } no es TOML válido ({ $error }); se usan los valores predeterminados
warning-keys-not-table = { $origin }: [keys] debe contener tablas como [keys.global] (acción = "tecla")
warning-config-key-ignored = { $origin }: se ignora `{ $key }`: { $error }
warning-keys-no-context = combinaciones de teclas: [keys.{ $context }] no es un contexto de teclas; se ignora
warning-keys-no-action = combinaciones de teclas: [keys.{ $context }] { $action }: no existe esa acción; se ignora
warning-keys-not-a-key = combinaciones de teclas: [keys.{ $context }] { $action } ({ $label }) = "{ $key }": no es un nombre de tecla; se ignora
warning-keys-collision = combinaciones de teclas: en [keys.{ $context }] { $key } está asignada a «{ $other_label }» ({ $other }) y a «{ $kept_label }» ({ $kept }); se queda con «{ $kept_label }»
warning-keys-not-a-table = combinaciones de teclas: { $origin }: [keys] { $name } no es una tabla de teclas; se ignora
warning-keys-old-format = combinaciones de teclas: { $origin }: la tabla plana [keys] es el formato antiguo; { $count ->
    [one] su combinación se leyó
   *[other] sus { $count } combinaciones se leyeron
} como [keys.global]. Escríbalas como `acción = "tecla"` en [keys.global] (o en la tabla de un panel).
warning-theme-not-found = no se encontró el tema "{ $name }"; se usa dark
warning-theme-invalid = { $origin }: no es un tema válido ({ $error }); se ignora
warning-theme-colour = { $origin }: rol { $role }: no se entiende el color "{ $colour }"
warning-theme-unknown-role = { $origin }: rol desconocido "{ $role }"
warning-theme-role = { $origin }: rol { $role }: { $error }
warning-cache-unavailable = caché local no disponible ({ $error }); los cambios sin conexión no sobrevivirán a un reinicio

## Historial de una nota (H)
action-note-history = Versiones de la nota seleccionada: quién, cuándo, qué cambió
history-title = Historial de { $note } · { $count ->
    [one] 1 versión
   *[other] { $count } versiones
}, la más antigua primero
hint-history-version = versión
hint-history-refresh = actualizar
hint-history-close = cerrar
history-legend = [-quitado-] [+agregado+]
history-version = Versión { $version } — { $who }, { $when }
history-first = Como se escribió primero:
history-none = No hay versiones que mostrar.
note-edited-by = editada por { $who }, v{ $version }

## Nombres de teclas, como los rotula un teclado latinoamericano
key-space = Espacio
key-enter = Enter
key-esc = Esc
key-tab = Tab
key-shift-tab = Mayús-Tab
key-backspace = Retroceso
key-up = Arriba
key-down = Abajo
key-left = Izquierda
key-right = Derecha
key-home = Inicio
key-end = Fin
key-pgup = RePág
key-pgdn = AvPág
key-delete = Supr
key-insert = Insert
key-ctrl = Ctrl
key-alt = Alt

## Unidades (abreviadas: caben en columnas de 5)
age-minutes = { $n }min
age-hours = { $n }h
age-days = { $n }d
age-months = { $n }mes
age-years = { $n }a
ttc-days = TAD { $days } d

## Vocabulario de transporte y ocultamiento (términos del sistema, en el idioma de quien lee)
term-passenger-car = automóvil
term-pickup-truck = camioneta pick-up
term-suv = SUV
term-commercial-bus = autobús de pasajeros
term-tractor-trailer = tractocamión
term-pedestrian = a pie
term-motorcycle = motocicleta
term-door-panels = paneles de las puertas
term-spare-tyre = llanta de refacción
term-fuel-tank = tanque de combustible
term-rear-seat-cavity = hueco del asiento trasero
term-dashboard-compartment = compartimento del tablero
term-quarter-panels = costados de la carrocería
term-truck-bed-toolbox = caja de herramientas de la batea
term-engine-compartment = compartimento del motor
term-false-floor = piso falso
term-bus-luggage-compartment = maletero del autobús
term-passenger-luggage = equipaje de pasajeros
term-overhead-rack-bags = maletas del portaequipaje
term-pallets-household-goods = tarimas de artículos domésticos
term-false-wall-trailer = pared falsa en el remolque
term-commercial-cargo = carga comercial
term-backpack = mochila
term-clothing-taped = bajo la ropa (adheridas al cuerpo)
term-safe-house = casa de seguridad
term-hidden-vehicle-compartment = compartimento oculto en vehículo
term-warehouse = bodega
term-buried-on-property = enterradas en un predio

## Panel Red (5): los vínculos de un registro, rutas entre dos, posibles redes
net-tab = Red
action-pane5 = Ir al panel 5
action-pane6 = Ir al panel 6
action-network = Red del registro seleccionado
net-heading = Red de { $id } · { $label } · { $shown ->
    [one] 1 nodo a la vista
   *[other] { $shown } nodos a la vista
}
net-heading-loading = Red de { $id }
net-tree-title = Vínculos
net-empty = Abra la red de cualquier registro desde su panel, o escriba "network ID" en la paleta de comandos (aseguramiento, arma, rastreo, #serie, comprador, licencia de armería, casquillo, pista o caso).
net-links = { $count ->
    [one] 1 vínculo
   *[other] { $count } vínculos
}
net-truncated = (solo los primeros 200)
net-kind-seizure = Aseguramiento
net-kind-firearm = Arma
net-kind-person = Comprador
net-kind-dealer = Armería
net-kind-casing = Casquillo
net-kind-case = Caso
net-link-bought-by = comprada por
net-link-sold-by = vendida por
net-link-recovered-in = asegurada en
net-link-in-case = en el caso
net-link-fired-by = disparado por
net-link-found-at = hallado en
net-link-same-gun = misma arma
net-flag-short-ttc = TaD<3a
net-flag-multiple-sale = venta múltiple
net-flag-multi-scene = varios lugares
net-flag-in-case = en su caso
hint-network-open = expandir/abrir
hint-network-back = plegar
hint-network-network = su red
hint-network-copy = copiar id
hint-network-help = ayuda
action-mark-node = Marcar un nodo como inicio de una ruta
action-find-path = Rutas más cortas del nodo marcado a este
action-rings = Posibles redes: prestanombres y armerías
action-toggle-ring-kind = Redes: compradores / armerías
notice-net-marked = { $id } marcado: seleccione otro nodo y busque las rutas hasta él.
notice-net-mark-first = Marque primero un nodo y luego busque las rutas desde él.
notice-net-same-node = Ese es el nodo marcado: seleccione otro.
net-paths-title = Rutas de { $from } a { $to }
net-no-path = No hay ruta de { $hops } vínculos o menos entre ambos.
net-path-heading = Ruta { $n } · { $links ->
    [one] 1 vínculo
   *[other] { $links } vínculos
}
net-marked = marcado: { $id }
net-rings-purchasers = Posibles prestanombres
net-rings-dealers = Posibles armerías que desvían armas
net-no-rings = Nadie se ajusta al patrón.
net-factors = Factores
net-col-suspect = Sospechoso
net-col-name = Nombre
net-col-traces = Rastreos
net-col-mexico = MX
net-col-ttc = TaD
net-col-score = Puntaje
net-col-corridor = Corredor
net-days = { $days } d
net-factor-traced-guns = armas rastreadas
net-factor-recovered-in-mexico = aseguradas en México
net-factor-short-ttc = tiempo al delito corto
net-factor-under-one-year = menos de 1 año
net-factor-multiple-sales = ventas múltiples
net-factor-few-dealers = pocas armerías
net-factor-one-corridor = un solo corredor
net-factor-over-represented = sobrerrepresentada
net-factor-co-purchasers = compradores asociados
net-co-purchasers = Con compradores asociados
hint-network-mark-node = marcar
hint-network-find-path = rutas
hint-network-rings = redes
hint-paths-select = ruta
hint-paths-copy = copiar ruta
hint-paths-assign-case = agregar a caso
hint-paths-back = volver
hint-rings-open = red
hint-rings-toggle-ring-kind = compradores/armerías
hint-rings-back = volver
notice-net-path-queued = Ruta en cola como nota para { $case }.

## Procesamiento de los casos (S) y el filtro de la lista de casos (/)
action-set-prosecution = Registrar la etapa procesal del caso (supervisores, fiscales)
case-prosecution = Etapa procesal
case-col-stage = Etapa
prosecution-stage-none = sin remitir
prosecution-stage-referred = remitido
prosecution-stage-charged = con cargos
prosecution-stage-resolved = resuelto
case-defendants = { $count ->
    [one] { $count } imputado
   *[other] { $count } imputados
}
case-stage-by = registró { $who }
prosecution-title = Etapa procesal de { $case }
prosecution-hint = etapa:sin-remitir|remitido|con-cargos|resuelto fecha:AAAA-MM-DD imputados:N fiscalía:… · Enter registra · Esc cancela
case-filter-title = Filtrar casos
case-filter-hint = estado:abierto|inactivo|cerrado etapa:sin-remitir|remitido|con-cargos|resuelto · palabras del título o del número
case-filtered = filtro: { $filter }
notice-stage-not-yours = Solo un supervisor o un fiscal puede registrar la etapa procesal.
notice-stage-input = No se entendió: { $term }. Por ejemplo: etapa:con-cargos fecha:2026-03-01 imputados:4 fiscalía:FGR — FEMDO
notice-case-filter-input = No se entendió: { $term }. Por ejemplo: estado:abierto etapa:con-cargos Nogales
notice-stage-recorded = { $case } está ahora { $stage }.

## Panel de resultados (6): las medidas de éxito y las cifras detrás de ellas
tab-outcomes = Resultados
outcomes-none = Aún no hay cifras: presione r para leerlas.
outcomes-map = Rastreos por estado de aseguramiento
outcomes-traces = rastreos
outcomes-traced = Armas rastreadas hasta su primer comprador
outcomes-indicted = Redes con cargos (sus casos)
outcomes-southbound = Aseguramientos en revisión fronteriza
# Formas cortas de los títulos de las tres medidas, para tarjetas angostas (80 columnas).
outcomes-traced-short = Rastreadas al comprador
outcomes-indicted-short = Redes con cargos
outcomes-southbound-short = Revisión fronteriza
outcomes-previous = antes: { $count }
outcomes-trace-summary = Rastreos { $traces } · al comprador { $reached } · de EUA { $sourced } · al delito ≤1 a { $within1 }, ≤3 a { $within3 }
outcomes-trace-summary-short = Rastreos { $traces } · al comprador { $reached } · de EUA { $sourced }
outcomes-lead-summary = Pistas balísticas: { $pending } pendientes, { $overdue } vencidas · mediana { $median } h hasta decidir (meta { $goal } h)
outcomes-lead-summary-short = Pistas balísticas: { $pending } pendientes, { $overdue } vencidas · mediana { $median } h
outcomes-traces-monthly = Rastreos por mes
outcomes-southbound-monthly = Revisión fronteriza: aseguramientos por mes
outcomes-by-mx-state = Por estado de aseguramiento en México
outcomes-by-us-state = Por estado de venta en EUA (rastreos hasta el comprador)
outcomes-corridors = Corredores: estado de venta → estado de aseguramiento
outcomes-ports = Revisión fronteriza: aseguramientos por puerto de entrada
# Formas cortas de los títulos largos de sección, para una lista angosta (80 columnas).
outcomes-by-mx-state-short = Por estado en México
outcomes-by-us-state-short = Por estado de venta en EUA
outcomes-corridors-short = Corredores: venta → aseguramiento
outcomes-ports-short = Revisión fronteriza por puerto
outcomes-types = Tipo de arma
outcomes-calibers = Calibre
outcomes-ttc = Tiempo al delito
outcomes-ttc-bucket = { $years } años
outcomes-filter-title = Filtrar los resultados
outcomes-filter-hint = desde:2026-01-01 hasta:2026-03-31 dependencia:"FGR Sonora" país:MX · Enter aplica · Esc cancela
notice-outcomes-filter-input = No se entendió: { $term }. Por ejemplo: desde:2026-01-01 hasta:2026-03-31 país:MX
notice-outcomes-no-list = Ninguna lista filtra por esta barra: Enter abre estados y puertos en la Cola, calibres y tiempo al delito corto en Rastreo.
firearm-type-pistol = pistola
firearm-type-revolver = revólver
firearm-type-rifle = rifle
firearm-type-shotgun = escopeta
firearm-type-machine-gun = ametralladora
action-earlier-window = Resultados: el periodo anterior
action-later-window = Resultados: el periodo siguiente
action-cycle-country = Resultados: todos los países, México, EUA
hint-outcomes-open = abrir
hint-outcomes-filter = filtrar
hint-outcomes-earlier-later = antes/después
hint-outcomes-country = país
hint-outcomes-refresh = actualizar
hint-outcomes-help = ayuda
out-change-new = nuevo

## Expediente del caso (`fwc export case` y la exportación de la consola): los encabezados y
## las etiquetas del sistema alrededor de los registros, que conservan el idioma en que se escribieron.
packet-title = Expediente del caso { $id } — { $title }
packet-synthetic-title = Datos sintéticos.
packet-synthetic = Todos los registros de este expediente se generaron para demostración; no describen a ninguna persona, armería ni hecho real.
packet-status = Estado
packet-lead-agency = Dependencia responsable
packet-countries = Países
packet-opened = Apertura
packet-last-activity = Última actividad
packet-linked-records = Registros vinculados
packet-notes-count = Notas
packet-exported = Exportado
packet-exported-by = { $when } por { $who }
packet-members = Miembros
packet-col-agency = Dependencia
packet-col-country = País
packet-col-user = Usuario
packet-whole-agency = toda la dependencia
packet-evidence = Registros vinculados
packet-no-links = Ningún registro está vinculado a este caso.
packet-col-kind = Tipo
packet-col-id = Clave
packet-col-description = Descripción
packet-not-included = No incluidos
packet-unavailable-forbidden = usted no tiene acceso
packet-unavailable-not-found = ya no existe
packet-seizure = Aseguramiento { $id } — { $place }, { $when }
packet-seizure-by = { $kind }, por { $agency } ({ $country }).
packet-firearm-ref = arma { $id }
packet-trace = Rastreo { $id } — { $make } { $model } ({ $caliber }), serie { $serial }
packet-recovered = Asegurada el { $date } en { $place }
packet-ttc = Tiempo al delito (TAD): { $days ->
    [one] { $days } día
   *[other] { $days } días
}
packet-ttc-short = menos de 3 años, un indicador de tráfico
packet-chain = Cadena de comercialización
packet-multiple-sale = Reporte de venta múltiple { $form }: { $count ->
    [one] { $count } arma
   *[other] { $count } armas
} el { $date } en { $dealer }
packet-lead = Pista balística { $id } — casquillo { $casing } ↔ { $candidate }
packet-decided-by = resuelta por { $who }
packet-scores = Puntuaciones: combinada { $combined }, cara de cierre { $breech }, percutor { $pin }; posición { $rank }; clase { $class }
packet-examiner-comment = Comentario del perito
packet-notes = Notas ({ $count })
packet-note-edited = editada por { $who } (versión { $version }) { $when }
packet-earlier-versions = Versiones anteriores de { $id }
packet-version = Versión { $version } — { $who }, { $when }

## Sign-in: the logon banner, the sign-in form and the idle lock
signin-title = Firewall Console · { $server }
banner-heading = Aviso de uso del sistema
banner-loading = Leyendo el aviso del servidor…
banner-failed = No se pudo leer el aviso del servidor: { $reason }
banner-retry = Presione Enter para intentarlo de nuevo.
hint-banner-accept = entiendo y acepto
hint-signin-submit = entrar
hint-signin-fields = campo siguiente/anterior
hint-signin-quit = salir
signin-heading = Iniciar sesión
signin-user = Usuario
signin-password = Contraseña
signin-totp = Código
signin-totp-help = el código de 6 dígitos de su app de autenticación
signin-busy = Iniciando sesión…
locked-heading = Consola bloqueada
locked-idle = Bloqueada tras { $minutes ->
    [one] 1 minuto
   *[other] { $minutes } minutos
} sin pulsar una tecla. Los registros están ocultos; su borrador y los cambios sin enviar se conservan.
locked-expired = El servidor terminó su sesión. Su borrador y los cambios sin enviar se conservan.
locked-who = Sesión de { $user }: escriba su contraseña y su código para continuar.
signin-missing-user = Escriba su nombre de usuario.
signin-missing-password = Escriba su contraseña.
signin-missing-totp = Escriba el código de 6 dígitos de su aplicación de autenticación.
signin-failed = No se pudo iniciar sesión: el usuario, la contraseña o el código no son correctos.
signin-locked = Demasiados intentos fallidos: el inicio de sesión está bloqueado hasta las { $time } UTC. Inténtelo entonces.
signin-locked-later = Demasiados intentos fallidos: el inicio de sesión está bloqueado por un tiempo. Inténtelo más tarde.
signin-throttled = Demasiados intentos fallidos desde este equipo: inténtelo después de las { $time } UTC.
signin-throttled-later = Demasiados intentos fallidos desde este equipo: inténtelo dentro de un minuto.
signin-password-change = Su contraseña es temporal. Establezca una nueva primero: fwc login --server { $server } --user { $user } --new-password-stdin
signin-offline = No se puede conectar con el servidor: { $reason }
signin-refused = El servidor rechazó el inicio de sesión: { $reason }
notice-unlocked = Sesión iniciada de nuevo: todo está como lo dejó.

## Vigilancias y alertas (issue 14)
action-watch = Vigilar este registro o filtro (pide un nombre)
action-alerts = Bandeja de alertas
action-watches = Mis vigilancias (renombrar, pausar, borrar)
action-mark-read = Marcar la alerta como leída
action-rename-watch = Renombrar la vigilancia
action-pause-watch = Pausar o reanudar la vigilancia
action-delete-watch = Borrar la vigilancia
alerts-unread = { $count ->
    [one] ! 1 alerta
   *[other] ! { $count } alertas
}
alerts-title = Alertas ({ $count } sin leer)
alerts-empty = Aún no hay alertas. Presione w sobre un registro para vigilarlo.
alerts-hint = Enter abre el registro · x la marca como leída · W mis vigilancias · Esc cierra
watches-title = Mis vigilancias ({ $count })
watches-empty = No tiene vigilancias. Presione w sobre un registro o sobre el filtro de la Cola.
watches-hint = e renombra · p pausa o reanuda · D borra · Esc cierra
watch-paused = en pausa
watch-fired = { $count ->
    [0] aún no se dispara
    [one] se disparó una vez
   *[other] se disparó { $count } veces
}
watch-new-title = Nueva vigilancia
watch-rename-title = Renombrar la vigilancia
watch-what = Vigilar: { $what }  ({ $n } de { $of })
watch-name = Nombre:
watch-new-hint = Enter guarda · Tab: qué vigilar · Esc cancela
watch-rename-hint = Enter guarda · Esc cancela
notice-watch-saved = Vigilancia guardada: { $name }

## Importar una hoja de cálculo a la Cola (issue 14, la I de la Cola)
action-import-seizures = Importar aseguramientos de un archivo CSV (se revisa antes)
import-path-title = Importar aseguramientos de un archivo CSV
import-path-label = Archivo (relativo a donde inició la consola; ~/ es su carpeta personal):
import-path-hint = Enter revisa el archivo (todavía no se escribe nada) · Esc cancela
import-title = Importar { $file }
import-checking = Leyendo y revisando el archivo…
import-summary = { $rows ->
    [one] 1 fila
   *[other] { $rows } filas
}: { $ok } válidas, { $invalid } con errores · { $seizures ->
    [one] 1 aseguramiento
   *[other] { $seizures } aseguramientos
}, { $firearms ->
    [one] 1 arma
   *[other] { $firearms } armas
}
import-skip = Omitir filas con errores: importar solo { $count ->
    [one] el aseguramiento válido
   *[other] los { $count } aseguramientos válidos
}
import-problem = fila { $row }, columna { $column }: { $message }
import-problem-row = fila { $row }: { $message }
import-seizure = fila { $rows }: { $date }  { $kind }  { $place }, { $state }  ({ $firearms ->
    [one] 1 arma
   *[other] { $firearms } armas
})
hint-import-open = importar
hint-import-mark = omitir filas con errores
hint-import-back = cancelar
hint-import-scroll = desplazar
import-progress = Importando { $sent }/{ $total }
notice-import-blocked = { $count ->
    [one] 1 fila tiene errores
   *[other] { $count } filas tienen errores
}: no se escribió nada. Corrija el archivo o marque «omitir filas con errores».
notice-import-empty = El archivo no tiene ningún aseguramiento válido para importar.
notice-import-busy = Todavía se está enviando una importación.
notice-imported = Importación terminada: { $created } aseguramiento(s) nuevo(s); { $existing } ya importado(s) antes (no se escriben de nuevo).
notice-import-stopped = La importación se detuvo después de { $sent } aseguramiento(s): { $reason } Si importa el archivo otra vez, no se escribe nada dos veces.
# Los problemas de un archivo importado ($value: la celda como está escrita, un número o el nombre de una columna).
import-why-control-chars = contiene caracteres de control
import-why-too-long = tiene más de { $value } caracteres
import-why-missing = falta un dato obligatorio
import-why-not-a-count = «{ $value }» no es una cantidad de 0 a 1000000
import-why-date-in-future = fecha no válida «{ $value }»: está en el futuro
import-why-date-before-1900 = fecha no válida «{ $value }»: es anterior a 1900
import-why-bad-date = fecha no válida «{ $value }»: escriba AAAA-MM-DD, AAAA-MM-DD HH:MM (UTC) o RFC 3339
import-why-unknown-state = estado desconocido «{ $value }»: uno de los 32 estados de México, o Texas, Arizona, California, Nuevo México
import-why-not-a-country = «{ $value }» no es US ni MX
import-why-country-mismatch = no coincide con el país del estado
import-why-bad-kind = «{ $value }» no es inspección, lugar_de_los_hechos ni operativo
import-why-missing-port = falta un dato obligatorio (una revisión fronteriza indica su puerto)
import-why-nothing-seized = falta un dato obligatorio: la fila no indica ningún arma, cargadores, cartuchos ni piezas
import-why-serial-controls = la serie contiene caracteres de control
import-why-bad-serial = la serie «{ $value }» solo admite letras, dígitos, «-» y «?» (ilegible), hasta 40
import-why-not-yes-no = «{ $value }» no es sí/no
import-why-bad-type = «{ $value }» no es pistola, revolver, fusil, escopeta ni ametralladora
import-why-bad-origin = «{ $value }» no es un código de país de dos letras
import-why-second-column = una segunda columna { $value }
import-why-unknown-column = columna desconocida (fwc seizures import --help da los nombres)
import-why-missing-column = falta una columna obligatoria
import-why-not-csv = no se puede leer como CSV: { $value }
import-why-duplicate = repite la fila { $value }
import-why-differs-from-ref = difiere de la fila { $value } con la misma referencia
