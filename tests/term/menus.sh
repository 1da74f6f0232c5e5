#!/bin/sh
# Menus and lists at 80x24: every item of every demo role's home menu is on
# screen and opens its screen by its number (two digits too, nothing typed
# lost into the next screen's search); the terminal cursor sits on the
# selected row of the menu and of the register after moves, End and Home
# (screen readers and braille displays follow it); End brings the last row
# of the whole register; the selection shows without colour; F10 on the
# home menu asks, and Esc keeps the program running.
. "$(dirname "$0")/harness"
demo_db
# tmux sends Home and End as ESC[1~ and ESC[4~, which TERM=screen names;
# other TERMs are tests/term/terminals.sh's business.
TERM_UNDER_TEST=${TERM_UNDER_TEST:-screen}

cursor_y() {
	$T display -p -t t '#{cursor_y}'
}

# The screen line (from 0) of the selected row: the one marked «>».
marker_y() {
	screen | grep -n -m1 -E '^ *>' | cut -d: -f1 | awk '{ print $1 - 1 }'
}

# Poll until the cursor is on the marked row, and that row holds TEXT.
expect_cursor_on() {
	local i=0 limit=$((TIMEOUT * 20)) m c
	while [ $i -lt $limit ]; do
		m=$(marker_y)
		c=$(cursor_y)
		if [ -n "$m" ] && [ "$m" = "$c" ] &&
			screen | sed -n "$((m + 1))p" | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	fail "the cursor (line $c) is not on the selected row (line $m) holding: $1"
}

home() {
	wait_line 1 "Маршрут — главное меню"
}

# What opening an item shows: «t TITLE» for a screen (its title line),
# «m TEXT» for a dialog it opens first, «q» for the exit.
opens() {
	case $1 in
	"Педагоги — реестр и информационные справки") echo "t Педагоги" ;;
	"Индивидуальные образовательные маршруты (ИОМ)") echo "t Индивидуальные образовательные маршруты" ;;
	"Заявки на диагностику") echo "t Заявки на диагностику профессиональных дефицитов" ;;
	"Контроль сроков") echo "t Контроль сроков" ;;
	"Мониторинг: показатели и цели") echo "t Мониторинг 20" ;;
	"Типичные дефициты (сводно, без имён)") echo "t Типичные дефициты: " ;;
	"Методический актив и нагрузка кураторов") echo "t Методический актив и нагрузка кураторов" ;;
	"Меры поддержки и рекомендации") echo "t Меры поддержки и адресные рекомендации" ;;
	"Отметка участия в мероприятии (режим совещания)") echo "m Мероприятие (начните печатать название)" ;;
	"Реестры: мероприятия, участие, кадры, планы ОО, продукты") echo "m Каталог мероприятий" ;;
	"Наставничество: пары, молодые специалисты, анкеты") echo "t Наставничество" ;;
	"Стажировочные площадки") echo "t Стажировочные площадки" ;;
	"Образовательные организации") echo "t Образовательные организации" ;;
	"Кодификатор профессиональных дефицитов") echo "t Кодификатор профессиональных дефицитов" ;;
	"Загрузка таблиц (CSV, Excel) в реестр") echo "m Что загрузить" ;;
	"Журнал изменений") echo "t Журнал изменений" ;;
	"Моя информационная справка") echo "t Информационная справка: " ;;
	# A teacher's checklist or, for a school head (a manager), the management one.
	"Пройти самодиагностику") echo "t Самодиагностика " ;;
	"Выход") echo "q" ;;
	*) fail "an item this test does not know: $1" ;;
	esac
}

for role in admin regional municipal school developer curator teacher; do
	start "$BIN" -c "$CONF" --db "$DB" --as $role
	home
	wait_for ". Выход"
	screen | grep -E '^ +(> *)?[0-9]+\. ' | sed 's/^ *>\? *//; s/\. /|/; s/ — ждут внимания: [0-9]*$//; s/ *$//' >"$WORK/items"
	n=$(wc -l <"$WORK/items")
	[ "$n" -ge 5 ] || fail "$role: only $n items on the home screen"
	tail -1 "$WORK/items" | grep -qx "$n|Выход" || fail "$role: the last item is not «$n. Выход»"
	[ "$(cut -d'|' -f1 "$WORK/items" | tr '\n' ' ')" = "$(seq 1 "$n" | tr '\n' ' ')" ] ||
		fail "$role: the items are not numbered 1..$n on one screen"
	expect_cursor_on " 1. "
	while IFS='|' read -r num label; do
		what=$(opens "$label")
		type_text "$num"
		# A digit that may begin a longer number only selects: Enter opens.
		if [ "$n" -ge 10 ] && [ $((num * 10)) -le "$n" ]; then
			wait_for "Пункт $num: Enter — открыть"
			expect_cursor_on "$num. $label"
			keys Enter
		fi
		case $what in
		t*)
			wait_line 1 " ${what#t }"
			keys F10
			;;
		m*)
			wait_for "${what#m }"
			keys Escape
			if [ "$label" = "Загрузка таблиц (CSV, Excel) в реестр" ]; then
				wait_line 1 " Загрузка таблиц (CSV, Excel)"
				keys F10
			else
				wait_gone "${what#m }"
			fi
			;;
		q)
			wait_for "Выйти из программы?"
			keys Escape
			wait_gone "Выйти из программы?"
			;;
		esac
		home
	done <"$WORK/items"
	keys F10 l
	wait_for "EXIT 0"
done

# Two digits at once as typed in a hurry: item 13 of the regional menu
# opens with nothing of «13» in its search; 19 is refused, and «1» then
# Enter is item 1.
start "$BIN" -c "$CONF" --db "$DB" --as regional
home
expect_eq "$(screen | grep -E '^ +(> *)?13\. ' | sed 's/^ *>\? *13\. //; s/ *$//')" \
	"Образовательные организации" "item 13 of the regional menu"
type_text "13"
wait_line 1 " Образовательные организации"
wait_for "Поиск: (начните печатать название)"
keys F10
home
type_text "19"
wait_for "Пункта 19 нет: в меню 18 пунктов"
type_text "1"
wait_for "Пункт 1: Enter — открыть"
keys Enter
wait_line 1 " Педагоги"
wait_for "Поиск: (начните печатать фамилию)"

# The cursor on the selected row of the register: after moves, End (the
# last row of the whole register, fetched from the end) and Home.
first=$(sql "SELECT surname || ' ' || name FROM person WHERE archived = 0 ORDER BY surname_key, id LIMIT 1")
second=$(sql "SELECT surname || ' ' || name FROM person WHERE archived = 0 ORDER BY surname_key, id LIMIT 1 OFFSET 1")
fourth=$(sql "SELECT surname || ' ' || name FROM person WHERE archived = 0 ORDER BY surname_key, id LIMIT 1 OFFSET 3")
last=$(sql "SELECT surname || ' ' || name FROM person WHERE archived = 0 ORDER BY surname_key DESC, id DESC LIMIT 1")
total=$(sql "SELECT count(*) FROM person WHERE archived = 0")
wait_for "Найдено: $total"
expect_cursor_on "$first"
keys Down
expect_cursor_on "$second"
keys Down Down
expect_cursor_on "$fourth"
keys End
expect_cursor_on "$last"
expect_eq "$(marker_y)" 21 "End: the last row at the foot of the list"
keys Up
keys Home
expect_cursor_on "$first"
expect_eq "$(marker_y)" 4 "Home: the first row under the header"
# A text view (the teacher's card): End shows its last lines, Home its top.
keys Enter
wait_for "Информационная справка: $first"
keys End
wait_for "Доп. сведения"
wait_gone "Фамилия  "
keys Home
wait_for "Фамилия  "
keys F10
wait_for "Найдено: $total"
keys F10
home

# The menu: the cursor follows the selection, End and Home included.
keys Down Down Down
expect_cursor_on " 4. "
keys End
expect_cursor_on "18. Выход"
keys Home
expect_cursor_on " 1. "

# F10 on the home menu asks; Esc (and Enter) keep the program running.
keys F10
wait_for "Выйти из программы?"
keys Escape
wait_gone "Выйти из программы?"
home
sleep 0.3
$T has-session -t t 2>/dev/null && ! screen | grep -qF "EXIT" || fail "Esc at «Выйти из программы?» ended the program"
keys F10
wait_for "Выйти из программы?"
keys l
wait_for "EXIT 0"

# The selection without colour: a marker and reverse video, with colour
# off in the configuration and on a terminal without colours.
# (Esc 0 is F10 on vt100, which has no F10 tmux can send. A copy of the
# configuration beside the catalogues it names.)
mkdir "$WORK/mono"
cp -R "$(dirname "$CONF")"/* "$WORK/mono/"
sed 's/^color *=.*/color = false/' "$CONF" >"$WORK/mono/marshrut.conf"
grep -q '^color = false' "$WORK/mono/marshrut.conf" || fail "no colour setting to turn off"
for run in "mono screen" "colour vt100"; do
	[ "${run% *}" = mono ] && conf=$WORK/mono/marshrut.conf || conf=$CONF
	TERM_UNDER_TEST=${run#* } start "$BIN" -c "$conf" --db "$DB" --as curator
	home
	keys Down
	expect_cursor_on " 2. "
	$T capture-pane -e -p -t t | grep -E '^ *.*>' | grep -qE "$(printf '\033')\\[([0-9]*;)*7[;m]" ||
		fail "no reverse video on the selected item ($run)"
	type_text 1
	wait_line 1 " Педагоги"
	wait_for "Найдено:"
	expect_cursor_on ""
	$T capture-pane -e -p -t t | grep -E '^[^ ]*>' | grep -qE "$(printf '\033')\\[([0-9]*;)*7[;m]" ||
		fail "no reverse video on the selected row ($run)"
	keys Escape 0
	home
	keys Escape 0 l
	wait_for "EXIT 0"
done
# The mouse, where the program asks the terminal for it (xterm's reports,
# as tmux passes them): a click selects, a double click opens, the wheel
# scrolls. Button press and release at column X, line Y (from 0).
chr() {
	printf "\\$(printf %03o "$1")"
}
mouse() {
	printf '\033[M%s%s%s' "$(chr $((32 + $1)))" "$(chr $((33 + $2)))" "$(chr $((33 + $3)))"
}
click() {
	type_text "$(mouse 0 "$1" "$2")$(mouse 3 "$1" "$2")"
}
dclick() {
	type_text "$(mouse 0 "$1" "$2")$(mouse 3 "$1" "$2")$(mouse 0 "$1" "$2")$(mouse 3 "$1" "$2")"
}
start "$BIN" -c "$CONF" --db "$DB" --as regional
home
if [ "$($T display -p -t t '#{mouse_any_flag}')" = 1 ]; then
	y5=$(screen | grep -n -E '^ +(> *)? 5\. ' | cut -d: -f1)
	click 20 $((y5 - 1))
	expect_cursor_on " 5. Мониторинг"
	y4=$(screen | grep -n -E '^ +(> *)? 4\. ' | cut -d: -f1)
	dclick 20 $((y4 - 1))
	wait_line 1 " Контроль сроков"
	keys F10
	home
	type_text 1
	keys Enter
	wait_line 1 " Педагоги"
	wait_for "Найдено: $total"
	expect_cursor_on "$first"
	click 10 8
	expect_cursor_on "$(sql "SELECT surname || ' ' || name FROM person WHERE archived = 0 ORDER BY surname_key, id LIMIT 1 OFFSET 4")"
	type_text "$(mouse 65 10 10)"
	wait_line 5 "$fourth"
	type_text "$(mouse 64 10 10)"
	wait_line 5 "$first"
	sixth=$(sql "SELECT surname || ' ' || name || ' ' || patronymic FROM person WHERE archived = 0 ORDER BY surname_key, id LIMIT 1 OFFSET 5")
	dclick 10 9
	wait_line 1 " Информационная справка: $sixth"
else
	echo "the program does not ask for the mouse here: its part of this test was not run"
fi

# A user with several roles has more items than lines: two columns, each
# item still on screen with its number, the roles in words on up to three
# lines; Right goes to the other column with the cursor.
uid=$(sql "SELECT id FROM app_user WHERE login = 'regional'")
sql "INSERT INTO user_role(user_id, role) VALUES ($uid, 'teacher');
     INSERT INTO user_role(user_id, role, org_id) SELECT $uid, 'school', id FROM organisation ORDER BY id LIMIT 2;
     INSERT INTO user_role(user_id, role, mun_id) SELECT $uid, 'municipal', id FROM municipality ORDER BY id LIMIT 2;"
mun=$(sql "SELECT name FROM municipality ORDER BY id LIMIT 1")
start "$BIN" -c "$CONF" --db "$DB" --as regional
home
wait_for "19. Выход"
wait_for "18. Пройти самодиагностику"
wait_for "муниципальный специалист — $mun"
screen | grep -qE ":[A-Z]{2,3}[0-9]" && fail "a raw scope code on the home screen"
expect_eq "$(screen | grep -cE '[0-9]\. ')" 10 "two columns of ten and nine items"
keys Right
wait_for ">11. Наставничество"
line=$(screen | grep -n -m1 -F ">11. Наставничество" | cut -d: -f1)
col=$(screen | sed -n "${line}p" | sed 's/>11\..*//' | wc -m)
expect_eq "$($T display -p -t t '#{cursor_y} #{cursor_x}')" "$((line - 1)) $((col - 1))" \
	"the cursor on the marker of the item in the right column"
type_text "19"
wait_for "Выйти из программы?"
keys l
wait_for "EXIT 0"
echo ok
