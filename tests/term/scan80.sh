#!/bin/sh
# Nothing cut mid-word at 80x24: as every demo role, open every screen the
# home menu offers, and from there the main sub-screens (a list's record or
# card, a card's tabs, a form, a picker), capture each, and check every line
# with tests/term/scan80.py (the rules are explained there). One tmux
# session per role, driven by keys; every step waits for the screen to
# answer and settle, never for a fixed time.
# SCAN_KEEP=DIR keeps the captures and the database in DIR (to read the
# screens by hand, or check them again with scan80.py); SCAN_TIME=1 prints
# when each role starts.
. "$(dirname "$0")/harness"

"$BIN" -c "$CONF" --db "$DB" init --demo >/dev/null || fail "init --demo failed"
# An application waiting for an answer, so that its list and card have a row.
sql "INSERT INTO diagnostic_application(kind, channel, org_id, applicant_name, received_date, state)
     SELECT 'collective', 'written', id, 'Фёдорова Ирина Владимировна', date('now', '-40 days'), 'received'
     FROM organisation WHERE code = 'OO001'"
CAPS="$WORK/caps"
mkdir -p "$CAPS"
n=0
role=""

# The screen, read until two looks 30 ms apart agree (a frame is written in
# one go, but tmux may read it in pieces).
settled() {
	local a b i=0
	a=$(screen)
	while [ $i -lt $((TIMEOUT * 30)) ]; do
		sleep 0.03
		b=$(screen)
		[ "$a" = "$b" ] && { printf '%s\n' "$a"; return 0; }
		a=$b
		i=$((i + 1))
	done
	fail "the screen never settled"
}

# press KEY...: send keys and wait until the screen has changed and settled.
# Only keys that must change the screen are pressed this way.
press() {
	local before now i=0
	before=$(screen)
	keys "$@"
	while [ $i -lt $((TIMEOUT * 20)) ]; do
		now=$(screen)
		if [ "$now" != "$before" ]; then
			shown=$(settled)
			return 0
		fi
		sleep 0.02
		i=$((i + 1))
	done
	fail "as $role, the screen did not answer: $*"
}

# snap NAME: keep the screen for the check (the one press has just seen
# settle, or else read until it settles).
shown=""
snap() {
	n=$((n + 1))
	[ -n "$shown" ] || shown=$(settled)
	printf '@@ %s: %s\n%s\n' "$role" "$1" "$shown" >"$CAPS/$(printf %04d $n)"
	shown=""
}

home() {
	local i=0
	while ! screen | grep -qF "главное меню"; do
		[ $i -lt 8 ] || fail "as $role, F10 does not lead back to the home menu"
		press F10
		i=$((i + 1))
	done
}

# open PREFIX TEXT: from the home menu, the item whose name starts with
# PREFIX (the menu's type-to-jump), opened with Enter; TEXT shows it opened.
open() {
	home
	type_text "$1"
	keys Enter
	wait_for "$2"
	shown=""
	snap "$1"
}

# A picker over the home menu (TEXT is its title), cancelled with Esc.
picker() {
	open "$1" "$2"
	keys Escape
	wait_gone "$2"
}

# tabs NAME COUNT: Tab through a card's tabs, each captured.
tabs() {
	local i=1
	while [ $i -lt "$2" ]; do
		press Tab
		snap "$1, вкладка $((i + 1))"
		i=$((i + 1))
	done
}

# Each home-menu item, with its main sub-screens. "edit" says the role may
# open the item's forms.
persons() {
	open "Педаг" "Найдено:"
	press Enter
	snap "справка педагога"
	if [ "${1:-}" = edit ]; then
		press F4
		snap "изменение педагога"
		press F10
	fi
	tabs "справка педагога" 4
}
# A teacher's diagnostic (from the card's third tab) and its form.
diagnostic() {
	open "Педаг" "Найдено:"
	press Enter
	press Tab Tab
	press Enter
	snap "диагностика"
	press F4
	snap "изменение диагностики"
	press F10
}
own_card() {
	open "Моя информ" "[*Справка*]"
	tabs "своя справка" 4
}
ioms() {
	open "Индив" "Найдено:"
	screen | grep -qF "Найдено: 0" && return
	press Enter
	snap "карта ИОМ"
	tabs "карта ИОМ" 4
}
applications() {
	open "Заявки" "Заявок:"
	press Enter
	snap "заявка"
}
registries() {
	local i=0 count
	open "Реестры" "─Реестр"
	count=$(screen | grep -c '│ *[^ │].*│')
	[ "$count" -gt 0 ] || fail "as $role, no registry in the picker"
	while [ $i -lt "$count" ]; do
		[ $i -eq 0 ] || keys -N $i Down
		press Enter
		snap "реестр $((i + 1))"
		if [ "${1:-}" = edit ] && ! screen | grep -qF "нет"; then
			press Enter
			snap "реестр $((i + 1)), запись"
			home
		fi
		home
		i=$((i + 1))
		[ $i -eq "$count" ] || open "Реестры" "─Реестр"
	done
}
orgs() {
	open "Образоват" "Найдено:"
	press Enter
	snap "карточка организации"
	if [ "${1:-}" = edit ]; then
		press F4
		snap "изменение организации"
		press F10
	fi
}
codifier() {
	open "Кодификатор" "Кодов:"
	if [ "${1:-}" = edit ]; then
		press Enter
		snap "изменение кода"
		press F10
	fi
}
two_views() {
	open "$1" "$2"
	press Tab
	snap "$1, второй вид"
}

# who_counts: the monitoring's drill-down of УИ-3 (the second indicator):
# the two lists of who counts.
who_counts() {
	open "Мониторинг" "Показателей:"
	press Down
	press F3
	snap "Мониторинг, кто учтён"
}

# as ROLE: a session of its own, logged in as ROLE; boxes drawn with
# box-drawing characters (TERM=screen: not the ACS letters tmux would show
# under xterm) so that the check can read them.
as() {
	[ -z "${SCAN_TIME:-}" ] || echo "$(date +%s.%N | cut -c1-14) $role -> $1" >&2
	role=$1
	TERM_UNDER_TEST=screen start "$BIN" -c "$CONF" --db "$DB" --as "$role"
	wait_for "главное меню"
	snap "главное меню"
}

# The regional centre sees the most: every registry and its first record.
as regional
persons edit
diagnostic
ioms
applications
open "Контроль" "Просрочено или срок"
open "Мониторинг" "Показателей:"
who_counts
open "Типичные" "Все педагоги"
two_views "Методический" "Норматив"
two_views "Меры" "Записей:"
picker "Отметка" "Мероприятие"
registries edit
two_views "Наставничество" "Наставляемый"
open "Стажировочные" "Организация"
orgs edit
codifier edit
picker "Загрузка" "Что загрузить"
open "Журнал" "Журнал изменений"

# The other roles: each item of their menu (its scope and the role change
# what the screens say and offer) and the first record or card; the tabs
# and forms, the same for every role, were seen as the regional centre
# (the teacher's own card excepted: his key bar is his own).
card() {
	open "$1" "$2"
	if ! screen | grep -qF "Найдено: 0"; then
		press Enter
		snap "$1, первая запись"
	fi
}

as admin
card "Педаг" "Найдено:"
card "Индив" "Найдено:"
open "Контроль" "Просрочено или срок"
open "Мониторинг" "Показателей:"
open "Типичные" "Все педагоги"
open "Методический" "Норматив"
open "Меры" "Записей:"
picker "Реестры" "─Реестр"
card "Образоват" "Найдено:"
open "Кодификатор" "Кодов:"
picker "Загрузка" "Что загрузить"
open "Журнал" "Журнал изменений"

for r in municipal school; do
	as $r
	card "Педаг" "Найдено:"
	card "Индив" "Найдено:"
	card "Заявки" "Заявок:"
	open "Контроль" "Просрочено или срок"
	open "Мониторинг" "Показателей:"
	who_counts
	open "Типичные" "Все педагоги"
	open "Меры" "Записей:"
	picker "Отметка" "Мероприятие"
	picker "Реестры" "─Реестр"
	open "Наставничество" "Наставляемый"
	open "Стажировочные" "Организация"
	card "Образоват" "Найдено:"
	open "Кодификатор" "Кодов:"
	open "Моя информ" "[*Справка*]"
done

as curator
card "Педаг" "Найдено:"
card "Индив" "Найдено:"
open "Контроль" "Просрочено или срок"
picker "Реестры" "─Реестр"
card "Образоват" "Найдено:"
open "Кодификатор" "Кодов:"
open "Моя информ" "[*Справка*]"

as developer
card "Педаг" "Найдено:"
card "Индив" "Найдено:"
card "Заявки" "Заявок:"
open "Контроль" "Просрочено или срок"
open "Мониторинг" "Показателей:"
open "Типичные" "Все педагоги"
open "Меры" "Записей:"
picker "Отметка" "Мероприятие"
picker "Реестры" "─Реестр"
card "Образоват" "Найдено:"
open "Кодификатор" "Кодов:"
open "Моя информ" "[*Справка*]"

as teacher
card "Индив" "Найдено:"
open "Контроль" "Просрочено или срок"
own_card
open "Пройти" "Самодиагностика"

if [ -n "${SCAN_KEEP:-}" ]; then
	mkdir -p "$SCAN_KEEP"
	cp "$CAPS"/* "$DB" "$SCAN_KEEP"/
fi
python3 -B "$TOP/tests/term/scan80.py" "$TOP" "$DB" "$CAPS"/* || exit 1
