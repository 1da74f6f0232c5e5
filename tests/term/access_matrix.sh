#!/bin/sh
# The access matrix, end to end: for every role, which sections its home
# screen offers and which commands it may run and which it is refused
# (exit 1 with the policy's reason on stderr, nothing done). The decisions
# per permission are in tests/unit/test_access.c; this is what each role
# meets at the terminal and on the command line.
. "$(dirname "$0")/harness"
# The database in a data directory of its own: backups go beside it.
mkdir "$WORK/data"
DB=$WORK/data/test.db
# The demo with its history: ИОМ cards across the region.
"$BIN" -c "$CONF" --db "$DB" init --demo >/dev/null || fail "init --demo failed"
M_OTHER=$(sql "SELECT code FROM municipality WHERE code <> 'M01' ORDER BY code LIMIT 1")
O_OTHER=$(sql "SELECT o.code FROM organisation o JOIN municipality m ON m.id = o.mun_id
	       WHERE m.code = '$M_OTHER' ORDER BY o.code LIMIT 1")
CARD_OTHER=$(sql "SELECT i.number FROM iom i JOIN person p ON p.id = i.person_id
		  JOIN organisation o ON o.id = p.org_id WHERE o.code = '$O_OTHER' ORDER BY i.id LIMIT 1")

# --- sections of the home screen, in order ---
menu_of() {
	start "$BIN" -c "$CONF" --db "$DB" --as "$1"
	wait_for "главное меню"
	wait_for " 1. "
	screen >"$WORK/menu"
	# To the last section (the list scrolls with the selection).
	keys Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down
	wait_for ". Выход"
	screen >>"$WORK/menu"
	grep -E '^ +(> *)?[0-9]+\. ' "$WORK/menu" | sed 's/^ *>\? *[0-9]*\. //; s/ — ждут внимания: [0-9]*$//; s/: [0-9]*$//; s/ *$//' | awk '!seen[$0]++' >"$WORK/items"
	keys F10 l
	wait_for "EXIT"
}
m_P="Педагоги — реестр и информационные справки"
m_I="Индивидуальные образовательные маршруты (ИОМ)"
m_A="Заявки на диагностику"
m_R="Контроль сроков"
m_MO="Мониторинг: показатели и цели"
m_T="Типичные дефициты (сводно, без имён)"
m_PO="Методический актив и нагрузка кураторов"
m_ME="Меры поддержки и рекомендации"
m_MM="Отметка участия в мероприятии (режим совещания)"
m_RG="Реестры: мероприятия, участие, кадры, планы ОО, продукты"
m_MN="Наставничество: пары, молодые специалисты, анкеты"
m_S="Стажировочные площадки"
m_O="Образовательные организации"
m_K="Кодификатор профессиональных дефицитов"
m_L="Загрузка таблиц (CSV, Excel) в реестр"
m_J="Журнал изменений"
m_C="Моя информационная справка"
m_SD="Пройти самодиагностику"
m_Q="Выход"
expect_menu() {
	role=$1; shift
	want=$(for x in "$@"; do echo "$x"; done)
	menu_of "$role"
	got=$(cat "$WORK/items")
	[ "$got" = "$want" ] || fail "menu of $role:
$got
-- expected --
$want"
}
expect_menu teacher "$m_I" "$m_R" "$m_C" "$m_SD" "$m_Q"
expect_menu curator "$m_P" "$m_I" "$m_R" "$m_RG" "$m_O" "$m_K" "$m_C" "$m_Q"
expect_menu developer "$m_P" "$m_I" "$m_A" "$m_R" "$m_MO" "$m_T" "$m_ME" "$m_MM" "$m_RG" "$m_O" "$m_K" "$m_C" "$m_Q"
# The demo school head is one of the managers: her own self-diagnosis.
expect_menu school "$m_P" "$m_I" "$m_A" "$m_R" "$m_MO" "$m_T" "$m_ME" "$m_MM" "$m_RG" "$m_MN" "$m_S" "$m_O" "$m_K" "$m_C" "$m_SD" "$m_Q"
expect_menu municipal "$m_P" "$m_I" "$m_A" "$m_R" "$m_MO" "$m_T" "$m_ME" "$m_MM" "$m_RG" "$m_MN" "$m_S" "$m_O" "$m_K" "$m_C" "$m_Q"
expect_menu regional "$m_P" "$m_I" "$m_A" "$m_R" "$m_MO" "$m_T" "$m_PO" "$m_ME" "$m_MM" "$m_RG" "$m_MN" "$m_S" "$m_O" "$m_K" "$m_L" "$m_J" "$m_C" "$m_Q"
expect_menu admin "$m_P" "$m_I" "$m_R" "$m_MO" "$m_T" "$m_PO" "$m_ME" "$m_RG" "$m_O" "$m_K" "$m_L" "$m_J" "$m_Q"

# --- commands: role, expected exit status, command ---
# Backups and roles that see results are root's (issue 12): under --as
# admin they pass only when the test runs as root. Backups never go into
# the data directory.
ROOT=1
[ "$(id -u)" = 0 ] && ROOT=0
mkdir "$WORK/bak"
n=0
while IFS='|' read -r role want cmd; do
	[ -n "$role" ] || continue
	n=$((n + 1))
	# shellcheck disable=SC2086
	"$BIN" -c "$CONF" --db "$DB" --as $role $cmd >"$WORK/out" 2>"$WORK/err"
	got=$?
	[ "$got" = "$want" ] || fail "$role: marshrut $cmd: exit $got, expected $want ($(cat "$WORK/err"))"
	if [ "$want" = 1 ]; then
		[ -s "$WORK/err" ] || fail "$role: marshrut $cmd: refused without a reason"
		[ -s "$WORK/out" ] && fail "$role: marshrut $cmd: refused but printed: $(head -3 "$WORK/out")"
	fi
done <<EOF2
teacher|1|user list
curator|1|user list
developer|1|user list
school|1|user list
municipal|1|user list
regional|1|user list
admin|0|user list
teacher|1|check
school|1|check
regional|1|check
admin|0|check
teacher|1|backup $WORK/bak/b-teacher.db
regional|1|backup $WORK/bak/b-regional.db
admin|$ROOT|backup $WORK/bak/b-admin.db
teacher|1|user grant teacher regional
school|1|user grant teacher regional
admin|$ROOT|user grant teacher curator
admin|0|user grant teacher school:org:OO001
teacher|0|route list
school|0|route list
teacher|0|report list
teacher|1|report indicators --scope region
curator|1|report indicators --scope region
school|1|report indicators --scope region
municipal|1|report indicators --scope region
developer|0|report indicators --scope region
regional|0|report indicators --scope region
admin|0|report indicators --scope region
school|0|report staff --scope org:OO001
school|1|report staff --scope org:$O_OTHER
school|1|report staff --scope mun:M01
municipal|0|report staff --scope mun:M01
municipal|0|report staff --scope org:OO001
municipal|1|report staff --scope mun:$M_OTHER
municipal|1|report staff --scope org:$O_OTHER
teacher|1|import orgs $TOP/conf/import/orgs.csv --dry-run
school|1|import orgs $TOP/conf/import/orgs.csv --dry-run
municipal|1|import orgs $TOP/conf/import/orgs.csv --dry-run
developer|1|import orgs $TOP/conf/import/orgs.csv --dry-run
regional|0|import orgs $TOP/conf/import/orgs.csv --dry-run
admin|0|import orgs $TOP/conf/import/orgs.csv --dry-run
school|1|export card $CARD_OTHER --format txt
municipal|1|export card $CARD_OTHER --format txt
teacher|1|export card $CARD_OTHER --format txt
regional|0|export card $CARD_OTHER --format txt
EOF2
[ "$n" -ge 40 ] || fail "only $n commands checked"
[ -e "$WORK/bak/b-teacher.db" ] && fail "a refused backup wrote a file"
if [ "$ROOT" = 0 ]; then
	[ -e "$WORK/bak/b-admin.db" ] || fail "the admin's backup is missing"
fi
expect_eq "$(sql "SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id
	WHERE u.login = 'teacher' AND r.role = 'regional'")" 0 "a refused grant gave nothing"
echo ok
