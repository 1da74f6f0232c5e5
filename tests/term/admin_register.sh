#!/bin/sh
# As the demo admin: open the teacher list, add «Ёлкина Анна Сергеевна»
# through the form (a wrong date first), save, find her with «ёлк», edit a
# field, resize the window, quit with F10, and check the database.
. "$(dirname "$0")/harness"
demo_db
start "$BIN" -c "$CONF" --db "$DB" --as admin
wait_for "главное меню"
wait_for "Педагоги — реестр"
keys Enter
wait_for "Найдено: 600"
# Help comes from the screen's key table.
keys F1
wait_for "фильтр по квалификационной категории"
wait_for "Esc и цифра"
keys Space
wait_gone "Esc и цифра"
# Filters: category, then Esc clears them.
keys F2
wait_for "все категории"
keys Down Down Down Down Enter
wait_for "Категория: высшая"
n=$(sql "SELECT count(*) FROM person WHERE category = 'highest' AND archived = 0")
wait_for "Найдено: $n"
keys Escape
wait_for "Найдено: 600"
# A form with unsaved changes asks before it is closed.
keys F7
wait_for "Новая запись: педагог"
type_text "Черновик"
keys F10
wait_for "Есть несохранённые изменения"
type_text "н"
wait_gone "Есть несохранённые изменения"
wait_for "Черновик"
keys F10
wait_for "Есть несохранённые изменения"
type_text "д"
wait_for "Найдено: 600"
keys F7
wait_for "Новая запись: педагог"
type_text "Ёлкина"; keys Tab
type_text "Анна"; keys Tab
type_text "Сергеевна"; keys Tab
type_text "31.02.2026"
keys F2
wait_for "такой даты нет: 31.02.2026"
keys C-u
type_text "12.04.1990"
# Пол -> Табельный номер -> Организация, where Enter opens the list.
keys Down Down Down Enter
wait_for "Выбор организации"
type_text "сш № 12"
wait_for "OO001"
keys Enter
wait_gone "Выбор организации"
wait_for "СШ № 12"
keys F2
wait_for "Сохранено"
wait_for "Найдено: 601"
type_text "ёлк"
wait_for "Найдено: 1"
wait_for "Ёлкина Анна Сергеевна"
keys Enter
wait_for "Информационная справка: Ёлкина Анна Сергеевна"
wait_for "12.04.1990"
keys F4
wait_for "Изменение: педагог"
# Должность is the 8th field.
keys Down Down Down Down Down Down Down
type_text "учитель математики"
keys F2
wait_for "учитель математики"
# The last change, shown in local time with who made it.
TZ_NOW=$(date +%d.%m.%Y)
keys PageDown
wait_for "Изменено: $TZ_NOW"
wait_for "(admin), версия 2"
keys PageUp
# Resize: the frame follows, then back to 80x24.
$T resize-window -t t -x 100 -y 30
wait_for "Информационная справка: Ёлкина Анна Сергеевна"
wait_line 30 "10Выход"
$T resize-window -t t -x 60 -y 20
wait_for "Окно терминала слишком мало"
$T resize-window -t t -x 80 -y 24
wait_for "учитель математики"
keys F10
wait_for "Найдено: 1"
# Archive her from the list, then find her in the archive.
keys F8
wait_for "Перенести в архив «Ёлкина Анна Сергеевна»?"
type_text "д"
wait_for "Перенесён в архив"
wait_for "Найдено: 0"
keys F3
wait_for "В архиве: 1"
keys F10
wait_for "главное меню"
keys F10 l
wait_for "EXIT 0"

row=$(sql "SELECT p.surname, p.name, p.patronymic, p.birth_date, p.position, o.code, p.surname_key
	   FROM person p JOIN organisation o ON o.id = p.org_id WHERE p.surname = 'Ёлкина'")
expect_eq "$row" "Ёлкина|Анна|Сергеевна|1990-04-12|учитель математики|OO001|елкина анна сергеевна" "stored person"
expect_eq "$(sql "SELECT version, archived FROM person WHERE surname = 'Ёлкина'")" "3|1" "edited once, then archived"
expect_eq "$(sql "SELECT count(*) FROM audit a JOIN person p ON p.id = a.record_id
		  WHERE a.tbl = 'person' AND p.surname = 'Ёлкина' AND a.action = 'update'
		  AND a.field = 'position' AND a.after = 'учитель математики' AND a.login = 'admin'
		  AND a.real_login = '$(id -un)'")" "1" "audit of the edit with the real identity"
expect_eq "$(sql "SELECT count(*) FROM person")" "601" "one person added"
echo ok
