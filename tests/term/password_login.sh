#!/bin/sh
# Password mode (one shared SSH account): the login form, a wrong password
# refused with a pause, the right one opens the user's home.
. "$(dirname "$0")/harness"
demo_db
sed -e 's/^auth = .*/auth = "password"/' -e "s#^calendar = .*#calendar = \"$TOP/conf/calendar.conf\"#" \
	"$CONF" > "$WORK/password.conf"
start "$BIN" -c "$WORK/password.conf" --db "$DB"
wait_for "Маршрут — вход"
type_text "teacher"; keys Tab
type_text "wrong-password"; keys Enter
wait_for "неверный логин или пароль"
type_text "teacher"; keys Enter
wait_for "главное меню"
wait_for "Петрова Ольга Николаевна (логин teacher)"
screen | grep -qF "от имени" && fail "password login must not look like --as"
keys F10 l
wait_for "EXIT 0"
expect_eq "$(sql "SELECT count(*) FROM audit WHERE action = 'login_failed'")" "1" "failed login audited"
expect_eq "$(sql "SELECT count(*) FROM login_attempt WHERE login_key = 'teacher'")" "0" "count reset by success"

# A password as long as user add accepts (here 100 characters, Cyrillic
# among them) is typed into the field, which scrolls, and logs in.
long=$(printf 'Пароль-%093d' 7)
printf '%s\n' "$long" | "$BIN" -c "$WORK/password.conf" --db "$DB" user add dlinny \
	--name "Длинный Пароль" --role regional --password >"$WORK/out" 2>&1 || { cat "$WORK/out"; fail "user add"; }
start "$BIN" -c "$WORK/password.conf" --db "$DB"
wait_for "Маршрут — вход"
type_text "dlinny"; keys Tab
type_text "$long"; keys Enter
wait_for "главное меню"
wait_for "Длинный Пароль (логин dlinny)"
keys F10 l
wait_for "EXIT 0"
echo ok
