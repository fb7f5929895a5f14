package edu.studentrecords.demo;

import java.util.Random;

/**
 * Generated Chinese names with their pinyin, for people who do not exist: a common family name and one or
 * two given-name characters picked at random. The pinyin (without tones) makes usernames and email
 * addresses.
 */
final class GeneratedNames {

    private static final String[][] FAMILY = {
        {"张", "Zhang"}, {"王", "Wang"}, {"李", "Li"}, {"赵", "Zhao"}, {"刘", "Liu"}, {"陈", "Chen"}, {"杨", "Yang"},
        {"黄", "Huang"}, {"周", "Zhou"}, {"吴", "Wu"}, {"徐", "Xu"}, {"孙", "Sun"}, {"马", "Ma"}, {"朱", "Zhu"},
        {"胡", "Hu"}, {"郭", "Guo"}, {"何", "He"}, {"高", "Gao"}, {"林", "Lin"}, {"罗", "Luo"}};
    private static final String[][] GIVEN = {
        {"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"}, {"丽", "li"}, {"强", "qiang"},
        {"磊", "lei"}, {"军", "jun"}, {"洋", "yang"}, {"勇", "yong"}, {"艳", "yan"}, {"杰", "jie"}, {"娟", "juan"},
        {"涛", "tao"}, {"明", "ming"}, {"超", "chao"}, {"霞", "xia"}, {"平", "ping"}, {"刚", "gang"}, {"英", "ying"},
        {"华", "hua"}, {"慧", "hui"}, {"鑫", "xin"}, {"宇", "yu"}, {"浩", "hao"}, {"欣", "xin"}, {"悦", "yue"},
        {"晨", "chen"}, {"婷", "ting"}};

    private GeneratedNames() {
    }

    /**
     * A generated name.
     *
     * @param family      the family name in characters
     * @param given       the given name in characters
     * @param familyLatin the family name in pinyin, capitalised
     * @param givenLatin  the given name in pinyin, capitalised
     */
    record Name(String family, String given, String familyLatin, String givenLatin) {

        /** The full name as a Chinese record holds it: family name first, no space. */
        String fullName() {
            return family + given;
        }
    }

    static Name next(Random random) {
        String[] family = FAMILY[random.nextInt(FAMILY.length)];
        String[] first = GIVEN[random.nextInt(GIVEN.length)];
        StringBuilder given = new StringBuilder(first[0]);
        StringBuilder latin = new StringBuilder(first[1]);
        if (random.nextBoolean()) {
            String[] second = GIVEN[random.nextInt(GIVEN.length)];
            given.append(second[0]);
            latin.append(second[1]);
        }
        String givenLatin = Character.toUpperCase(latin.charAt(0)) + latin.substring(1);
        return new Name(family[0], given.toString(), family[1], givenLatin);
    }
}
