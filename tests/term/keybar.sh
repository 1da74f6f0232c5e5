#!/bin/sh
# The key bar offers only what the user may do on the screen, and a key
# means one thing everywhere (issue 13). For every demo role, the screens
# it reaches: each F-key its bar shows is pressed, and the status line must
# not answer with a refusal; what the bar hides can still be pressed and is
# refused as before. Then: F7 creates in the bank of difficulties, F8 on
# the ИОМ card is not print (F9 is), the help names Esc and Ctrl-U, and a
# status message does not outlive its screen.
. "$(dirname "$0")/harness"
demo_db
card_fixture

snap() {
	$T capture-pane -p -t t
}

# changed BEFORE: wait (up to 1 s) for the screen to differ from BEFORE.
changed() {
	local i=0
	while [ $i -lt 20 ] && [ "$(snap)" = "$1" ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

# settle BEFORE: changed, then until the screen holds still.
settle() {
	local i=0 prev cur
	changed "$1"
	prev=$(snap)
	while [ $i -lt 50 ]; do
		sleep 0.04
		cur=$(snap)
		[ "$cur" = "$prev" ] && return 0
		prev=$cur
		i=$((i + 1))
	done
}

# The F-keys 2..9 the bar (last line) of a screen shows: cells of 8 columns.
bar_keys() {
	printf '%s\n' "$1" | sed -n 24p | python3 -c '
import sys
line = sys.stdin.readline().rstrip("\n").ljust(80)
for n in range(2, 10):
    cell = line[(n - 1) * 8 + 1:n * 8]
    if cell.strip():
        print(n)'
}

# The words of the policy's refusals (access.c, route.c, the screens).
REFUSAL='может|могут|ведут|ведёт|меняет|меняют|нет доступа|вносит|вносят|только|не можете|просматривают|отмечают|изменяют|принимает|управляет|задают|проходит'

# refused: the status line is an error (bold red) in the policy's words.
refused() {
	local line
	line=$($T capture-pane -p -e -t t | sed -n 23p)
	case "$line" in
	*"$(printf '\033[1m')"*) ;;
	*) return 1 ;;
	esac
	snap | sed -n 23p | grep -qE "$REFUSAL"
}

# probe ROLE WHAT NAV: on the screen NAV opened, press every F-key of its bar;
# none may be refused. After each, Esc back to the screen (NAV again when
# Esc left it).
probe() {
	local base title n before cur i
	base=$(snap)
	title=$(printf '%s\n' "$base" | sed -n 1p)
	for n in $(bar_keys "$base"); do
		before=$(snap)
		keys F$n
		settle "$before"
		if refused; then
			fail "$1, $2: F$n is on the key bar and is refused"
		fi
		i=0
		while :; do
			cur=$(snap)
			if [ "$(printf '%s\n' "$cur" | sed -n 1p)" = "$title" ] &&
			   ! printf '%s\n' "$cur" | grep -q 'qqqq\|┌'; then
				break
			fi
			if printf '%s\n' "$cur" | sed -n 1p | grep -q "главное меню"; then
				$3
				break
			fi
			[ $i -lt 8 ] || fail "$1, $2: cannot come back after F$n"
			keys Escape
			changed "$cur"
			i=$((i + 1))
		done
	done
}

home() {
	local i=0
	until snap | sed -n 1p | grep -q "главное меню"; do
		[ $i -lt 8 ] || fail "cannot return to the main menu"
		keys F10
		sleep 0.1
		i=$((i + 1))
	done
	wait_for "главное меню"
}

open_section() {
	home
	type_text "$1"
	keys Enter
	wait_for "$2"
}

nav_persons() { open_section "Педаг" "Найдено:"; }
nav_person_card() { nav_persons; keys Enter; wait_for "Информационная справка"; }
# The cards tab by tab: a key acts on the tab shown (cardkeys.sh has more).
nav_person_card_tab() { nav_person_card; keys Tab; wait_for "[*$1*]"; }
nav_person_courses() { nav_person_card_tab "Курсы ПК"; }
nav_person_diags() { nav_person_card_tab "Курсы ПК"; keys Tab; wait_for "[*Диагностика*]"; }
nav_person_views() { nav_person_card; keys BTab; wait_for "[*Просмотры*]"; }
nav_ioms() { open_section "Индив" "Индивидуальные образовательные маршруты"; }
nav_iom_card() { nav_ioms; wait_for "ИОМ-"; keys Enter; wait_for "Карта ИОМ"; }
nav_iom_ippr() { nav_iom_card; keys BTab BTab; wait_for "[*ИППР*]"; }
nav_apps() { open_section "Заявк" "Заявки на диагностику"; }
nav_measures() { open_section "Меры" "Меры поддержки"; }
nav_orgs() { open_section "Образ" "Образовательные организации"; }
nav_org_card() { nav_orgs; keys Enter; wait_for "Организация"; }
nav_codifier() { open_section "Кодиф" "Кодификатор профессиональных дефицитов"; }
nav_mentoring() { open_section "Наста" "Наставничество"; }
nav_sites() { open_section "Стажир" "Стажировочные площадки"; }
nav_pool() { open_section "Метод" "Методический актив"; }
nav_audit() { open_section "Журн" "Все изменения"; }
nav_monitoring() { open_section "Монит" "Мониторинг"; }
nav_bank() {
	# The registries picker, in their order (store/registry.h): the bank
	# is the seventh for the regional centre.
	open_section "Реест" "Банк затруднений"
	keys Down Down Down Down Down Down Enter
	wait_for "Банк затруднений и лучших практик"
	wait_for "Поиск:"
}

# Section by section, what each role reaches (access_matrix.sh has the menus).
check_role() {
	role=$1
	shift
	start "$BIN" -c "$CONF" --db "$DB" --as "$role"
	wait_for "главное меню"
	for s in "$@"; do
		nav_$s
		probe "$role" "$s" nav_$s
	done
	home
	keys F10 l
	wait_for "EXIT 0"
}

check_role curator persons person_card iom_card orgs codifier
check_role developer persons iom_card apps
check_role school persons person_card iom_card mentoring sites org_card
check_role municipal persons measures mentoring sites orgs
check_role regional persons person_card person_courses person_diags person_views iom_card iom_ippr apps monitoring mentoring sites codifier pool audit
check_role admin persons codifier audit
check_role teacher iom_card

# The curator on the register: no F4, F7, F8 on the bar, and pressing them
# is refused as before; the regional centre has them, and they work.
start "$BIN" -c "$CONF" --db "$DB" --as curator
wait_for "главное меню"
nav_persons
bar=$(snap | sed -n 24p)
case "$bar" in
*4Правка* | *7Новый* | *"8В архив"*) fail "the curator's register offers what he may not do: $bar" ;;
esac
keys F7
wait_for "добавлять педагогов может"
keys F10
wait_for "главное меню"
# A status message belongs to its screen: back on the menu it is gone.
snap | grep -q "добавлять педагогов может" && fail "the register's refusal outlived its screen"
keys F10 l
wait_for "EXIT 0"

start "$BIN" -c "$CONF" --db "$DB" --as regional
wait_for "главное меню"
nav_persons
wait_line 24 "4Правка"
wait_line 24 "7Новый"
wait_line 24 "8В архив"
keys F7
wait_for "Новая запись: педагог"
keys Escape
wait_for "Найдено:"
keys F4
wait_for "Изменение: педагог"
keys Escape
wait_for "Найдено:"
keys F8
wait_for "Перенести в архив"
keys Escape
wait_gone "Перенести в архив"
# The help: the key column names Esc, nothing is «?», no line cut in a word.
keys F1
wait_for "Esc и цифра"
help=$(snap)
printf '%s\n' "$help" | grep -qE 'x Esc +сбросить поиск' || fail "the help does not name Esc"
printf '%s\n' "$help" | grep -qE 'x \? ' && fail "the help names a key «?»"
keys Space
wait_gone "Esc и цифра"
keys F10
wait_for "главное меню"

# F7 creates in the bank of difficulties (F3 no longer does).
nav_bank
wait_line 24 "7Новая"
snap | sed -n 24p | grep -q "3Новая" && fail "the bank of difficulties still creates with F3"
keys F7
wait_for "Новая запись"
keys Escape
wait_gone "Новая запись"
home

# The ИОМ card: F8 is not print, F9 is; its help names Ctrl-U in a form.
nav_iom_card
wait_line 24 "9Печать"
snap | sed -n 24p | grep -q "8Печать" && fail "F8 still prints on the ИОМ card"
before=$(snap)
keys F8
settle "$before"
snap | grep -q "Сохранить карту для печати" && fail "F8 on the card still prints"
keys F9
wait_for "Сохранить карту для печати"
keys Escape
wait_gone "Сохранить карту для печати"
keys F4
wait_for "Изменение: ИОМ"
keys F1
wait_for "Ctrl-U"
snap | grep -qE "x Ctrl-U +очистить поле" || fail "the form's help does not name Ctrl-U"
snap | grep -qE "x PgDn +следующая страница формы" || fail "the form's help does not name PgDn"
keys Space
wait_gone "Esc и цифра"
keys Escape
wait_for "Карта ИОМ"
# A message set on the card does not follow to the list below.
keys F6
settle "$(snap)"
keys Escape
settle "$(snap)"
keys F2
settle "$(snap)"
msg=$(snap | sed -n 23p | sed 's/^ *//; s/ *$//')
[ -n "$msg" ] || fail "no status message on the card to carry"
keys F10
wait_for "Индивидуальные образовательные маршруты"
snap | sed -n 23p | grep -qF "$msg" && fail "the card's message «$msg» outlived it"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"
echo ok
